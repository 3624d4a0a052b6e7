"""Fast set-based writes for large imports and cycles: plain executemany, no per-row ORM work.

Used where thousands of rows are written at once; values are adapted once per type by the
database connection's own adapters, so both SQLite and PostgreSQL receive what Django would send.
"""

import json

from django.db import connection, models
from django.utils import timezone


def _adapter(field):
    ops = connection.ops
    if isinstance(field, models.JSONField):
        return lambda v: json.dumps(v, cls=field.encoder)
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.DecimalField):
        return lambda v: ops.adapt_decimalfield_value(v, field.max_digits, field.decimal_places)
    return None


def insert_rows(model, columns, rows, batch_size=5000):
    """INSERT rows (tuples in the order of `columns`, attnames) into a model's table."""
    fields = [model._meta.get_field(name) for name in columns]
    adapters = [_adapter(f) for f in fields]
    needs_adapting = [(i, a) for i, a in enumerate(adapters) if a]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)

    def adapted(rows):
        for row in rows:
            if needs_adapting:
                row = list(row)
                for i, adapt in needs_adapting:
                    if row[i] is not None:
                        row[i] = adapt(row[i])
            yield row

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in adapted(rows):
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(fields))})"
        batch = []
        for row in adapted(rows):
            batch.append(row)
            if len(batch) >= batch_size:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def insert_history(objects, user, reason, history_type="+"):
    """Write the django-simple-history rows for objects just created (or changed) in bulk."""
    if not objects:
        return
    model = type(objects[0])
    historical = model.history.model
    tracked = [
        f.attname
        for f in historical._meta.concrete_fields
        if not f.attname.startswith("history_") and f.attname != "history_id"
    ]
    now = timezone.now()
    extra = ["history_date", "history_change_reason", "history_type", "history_user_id"]
    rows = (
        tuple(getattr(obj, name) for name in tracked)
        + (now, reason, history_type, user.pk if user else None)
        for obj in objects
    )
    insert_rows(historical, tracked + extra, rows)
