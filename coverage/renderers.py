import csv
import io

from rest_framework.renderers import BaseRenderer

from places.exporters import neutralize_formula

COLUMNS = [
    "code",
    "name",
    "population",
    "latitude",
    "longitude",
    "nearest_km",
    "within_5km",
    "within_10km",
    "within_20km",
]


class CoverageCSVRenderer(BaseRenderer):
    """The communes of a coverage answer as a CSV table; an error answer as "field,message" lines."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        if isinstance(data, dict) and "communes" in data:
            writer.writerow(COLUMNS)
            for commune in data["communes"]:
                writer.writerow([_cell(commune[column]) for column in COLUMNS])
        else:
            writer.writerow(["field", "message"])
            for field, messages in (data or {}).items():
                for message in messages if isinstance(messages, list) else [messages]:
                    writer.writerow([field, neutralize_formula(str(message))])
        return out.getvalue().encode(self.charset)


def _cell(value) -> str:
    if value is None:
        return ""
    # Text (commune names) may start like a formula; numbers (negative longitudes) must stay numbers.
    return neutralize_formula(value) if isinstance(value, str) else str(value)
