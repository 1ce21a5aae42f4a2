"""Reads from a PostgreSQL replica, writes to the primary (DATABASE_REPLICA_URL; see README, "Production")."""


class PrimaryReplicaRouter:
    """Reads go to the replica, writes and migrations to the primary. A replica lags a little behind, which
    a listing tolerates; code that must read its own write (an edit form after saving) uses .using("default")."""

    def db_for_read(self, model, **hints) -> str:
        instance = hints.get("instance")
        if instance is not None and instance._state.db:
            return instance._state.db
        return "replica"

    def db_for_write(self, model, **hints) -> str:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == "default"
