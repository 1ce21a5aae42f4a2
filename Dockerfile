# The app under gunicorn, static files served by whitenoise. Build: docker compose build
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
RUN useradd --system --create-home --uid 10001 app

# Dependencies first, so that a code change does not reinstall them.
COPY pyproject.toml README.md ./
COPY mediation/__init__.py mediation/__init__.py
RUN pip install --no-cache-dir -e . && rm -rf mediation

COPY . .
RUN pip install --no-cache-dir --no-deps -e . \
    && SECRET_KEY=collectstatic-only DEBUG=false STATIC_MANIFEST=true python manage.py collectstatic --no-input -v 0 \
    && chown -R app:app /app/var

USER app
ENV DEBUG=false STATIC_MANIFEST=true GUNICORN_BIND=0.0.0.0:8000
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=4)"]
ENTRYPOINT ["docker/entrypoint.sh"]
CMD ["gunicorn", "-c", "gunicorn.conf.py", "mediation.wsgi"]
