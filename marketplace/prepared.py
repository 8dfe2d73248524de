"""Querysets compiled once per process and run again with new parameters (for the hottest requests).

Building and compiling a queryset with joins and subqueries costs a millisecond or more of Python on every request,
far more than running it. ``PreparedQuery`` builds the queryset (``build(**values)``) twice with stand-in values,
learns from the two compilations which SQL parameters are which value, keeps the SQL, and from then on runs it with
the real values and turns the rows into objects with Django's own machinery (converters, ``from_db``,
``select_related`` populators, annotations), so the result is what the queryset itself would return.

Values are named with their kind: ``int``, ``str``, ``datetime``, ``date``, ``ints`` (a list of distinct ints, e.g.
for ``pk__in``) or ``shape`` (any hashable the queryset's form depends on, e.g. whether the user is a platform
administrator; passed to ``build`` as it is). The SQL may depend only on the ``shape`` values and the lengths of the
``ints`` lists: they are the cache key (checked: both compilations must give the same SQL). An int outside the range
of a 64-bit column gives no rows, as the queryset would (Django refuses such lookups as empty).
"""

import threading
from datetime import UTC, date, datetime, timedelta

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models.query import get_related_populators

_BASES = (31000, 32000)  # stand-in ints: small enough for a smallint column, unlike any constant of a query
_DATETIME_BASES = (datetime(2001, 1, 1, tzinfo=UTC), datetime(2002, 1, 1, tzinfo=UTC))
_DATE_BASES = (date(2001, 1, 1), date(2002, 1, 1))
_INT_RANGE = range(-(2**63), 2**63)


def _stand_ins(kinds, lengths, variant):
    values, n = {}, 0
    for name, kind in kinds.items():
        if kind == "ints":
            values[name] = [_BASES[variant] + n + i for i in range(lengths[name])]
            n += lengths[name]
        elif kind == "int":
            values[name] = _BASES[variant] + n
            n += 1
        elif kind == "str":
            values[name] = f"prepared-stand-in-{_BASES[variant] + n}"
            n += 1
        elif kind == "shape":
            values[name] = lengths[name]
        elif kind == "datetime":
            values[name] = _DATETIME_BASES[variant] + timedelta(seconds=n)
            n += 1
        elif kind == "date":
            values[name] = _DATE_BASES[variant] + timedelta(days=n)
            n += 1
        else:
            raise ValueError(f"unknown kind {kind!r}")
    return values


class _Compiled:
    def __init__(self, queryset, sql, slots, constants):
        self.compiler = queryset.query.get_compiler(using=queryset.db)
        self.compiler.as_sql()  # fills select, klass_info, annotation_col_map
        self.db = queryset.db
        self.sql = sql
        self.slots = slots  # per parameter: (name, index in a list or None), or None for a constant
        self.constants = constants
        klass_info, select = self.compiler.klass_info, self.compiler.select
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.stop = fields[0], fields[-1] + 1
        self.init_list = [f[0].target.attname for f in select[self.start : self.stop]]
        self.populators = get_related_populators(klass_info, select, self.db)
        self.annotations = dict(self.compiler.annotation_col_map or {})
        converters = self.compiler.get_converters([s[0] for s in select[0 : self.compiler.col_count]])
        self.converters = list(converters.items())


class PreparedQuery:
    def __init__(self, build, **kinds):
        self.build = build
        self.kinds = kinds
        self._compiled = {}
        self._lock = threading.Lock()

    def _adapt(self, connection, kind, value):
        if kind == "datetime":
            return connection.ops.adapt_datetimefield_value(value)
        if kind == "date":
            return connection.ops.adapt_datefield_value(value)
        return value

    def _compile(self, lengths):
        queries = []
        for variant in (0, 1):
            stand_ins = _stand_ins(self.kinds, lengths, variant)
            queryset = self.build(**stand_ins)
            try:
                sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
            except EmptyResultSet:
                return None  # e.g. an empty ``pk__in`` list: never any row
            queries.append((queryset, sql, list(params), stand_ins))
        (queryset, sql, params, stand_ins), (_, sql_b, params_b, _) = queries
        if sql != sql_b or len(params) != len(params_b):
            raise ValueError("the queryset's SQL depends on the values, not only on list lengths")
        connection = connections[queryset.db]
        where = {}
        for name, kind in self.kinds.items():
            value = stand_ins[name]
            if kind == "shape":
                continue
            if kind == "ints":
                for i, v in enumerate(value):
                    where[v] = (name, i)
            else:
                where[self._adapt(connection, kind, value)] = (name, None)
        slots = []
        for a, b in zip(params, params_b, strict=True):
            if a == b and type(a) is type(b):
                slots.append(None)
            elif a in where:
                slots.append(where[a])
            else:
                raise ValueError(f"cannot tell which value the parameter {a!r} is")
        return _Compiled(queryset, sql, slots, params)

    def __call__(self, **values) -> list:
        lengths = {}
        for name, kind in self.kinds.items():
            if kind == "ints":
                # An IN list's SQL has one parameter per distinct value; one out of range never matches.
                values[name] = [v for v in dict.fromkeys(values[name]) if v in _INT_RANGE]
                lengths[name] = len(values[name])
            elif kind == "int" and values[name] not in _INT_RANGE:
                return []
            elif kind == "shape":
                lengths[name] = values[name]
        key = tuple(sorted(lengths.items()))
        if key not in self._compiled:
            with self._lock:
                if key not in self._compiled:
                    self._compiled[key] = self._compile(lengths)
        compiled = self._compiled[key]
        if compiled is None:
            return []
        connection = connections[compiled.db]
        params = []
        for slot, constant in zip(compiled.slots, compiled.constants, strict=True):
            if slot is None:
                params.append(constant)
            else:
                name, index = slot
                value = values[name] if index is None else values[name][index]
                params.append(self._adapt(connection, self.kinds[name], value))
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        objects = []
        for row in rows:
            if compiled.converters:  # as SQLCompiler.apply_converters, with this thread's connection
                row = list(row)
                for position, (converters, expression) in compiled.converters:
                    value = row[position]
                    for converter in converters:
                        value = converter(value, expression, connection)
                    row[position] = value
            obj = compiled.model.from_db(compiled.db, compiled.init_list, row[compiled.start : compiled.stop])
            for populator in compiled.populators:
                populator.populate(row, obj)
            for name, position in compiled.annotations.items():
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects
