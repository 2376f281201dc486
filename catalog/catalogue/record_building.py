"""Building many records of one pydantic model fast, with pydantic's own validation.

A listing of 50,000 rows repeats its providers, types, levels, prices and currencies thousands of times,
and ``CredentialRecord(**data)`` validated every one of them again (about 120 µs a record here, a third of
an import). :class:`RecordBuilder` does what pydantic's ``validate_model`` does for such a model (its pre
root validators, then each given field's own ``ModelField.validate``, defaults for the rest) but validates
each distinct value of a field once and reuses the result, then makes the record with ``construct()``.
That is the record ``model(**data)`` makes only where reusing a result is provably the same as validating
again, so a value is reused only when:

- no validator of the model reads ``values`` (the other fields), so a field's result depends on its value
  alone, and there is no post root validator (the builder is off for any model that has either);
- the value is a plain ``str``, ``int``, ``bool``, ``None`` or a non-zero ``float`` (hashable, and equal
  keys are the same value: ``1 == 1.0 == True`` are told apart by their type, ``0.0`` and ``-0.0`` and
  NaN are never reused);
- the result is immutable (a list is never shared between two records).

A list of texts (a credential's skills: a different list on nearly every row, made of the same few hundred
names) is validated as pydantic does it, its pre validators, each item through the field's item field, then
its post validators, with each distinct item's result reused under the same rules; the list itself is new
for every record.

Everything else is validated on every record, exactly as pydantic does it. Anything the builder does not
cover (a field name the model does not have, a required field missing, a value that fails, a model with
aliases or ``validate_all``) goes to the model's own constructor, so every error is pydantic's own,
worded and ordered as before. ``tests/catalog/catalogue/test_record_building.py`` checks both on the seed
catalogue and on generated rows.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Iterable, Mapping
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Extra
from pydantic.fields import SHAPE_LIST, SHAPE_SINGLETON, ModelField

Model = TypeVar("Model", bound=BaseModel)
REUSABLE_INPUTS = (str, int, bool, float, type(None))
IMMUTABLE_RESULTS = frozenset({str, int, bool, float, type(None), dt.date})
AS_IS_DEFAULTS = frozenset({str, int, bool, float, type(None)})  # what pydantic's smart_deepcopy returns as is
_MISSING = object()


def _reads_other_fields(field: ModelField) -> bool:
    """Does one of the field's validators take ``values`` (or ``**kwargs``, which pydantic fills with it)?"""
    for validator in field.class_validators.values():
        parameters = inspect.signature(validator.func).parameters.values()
        if any(p.name == "values" or p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
            return True
    return False


def _fast_path_applies(model: type[BaseModel]) -> bool:
    """The steps of ``validate_model`` this builder repeats are all it does for this model: no aliases, no
    validation of defaults, extra fields refused (so any unknown key goes to the model itself), no post
    root validator, and no field validator that reads the other fields (so the fields can be validated
    in any order, and each value's result depends on that value alone)."""
    config = model.__config__
    return (not config.validate_all and config.extra is Extra.forbid and not model.__post_root_validators__
            and all(f.alias == name and not f.validate_always and not _reads_other_fields(f)
                    for name, f in model.__fields__.items()))


def _reuse_key(value: Any) -> Any:
    """The key under which a field's validation of ``value`` is kept, or None when it must not be reused
    (see the module docstring): a text is its own key, any other value is keyed with its type."""
    kind = value.__class__
    if kind is str:
        return value
    if kind not in REUSABLE_INPUTS or (kind is float and (value == 0 or value != value)):
        return None  # 0.0 and -0.0 are equal keys; NaN is no key
    return kind, value


def assembled_record(model: type[Model], fields: dict[str, Any], fields_set: Iterable[str]) -> Model:
    """The record of ``fields``, already validated and complete in the model's field order, made without
    ``construct()`` walking every field again: what the builder makes, and what a record's values read in
    another process become again (``parallel_reading``)."""
    record = model.__new__(model)
    object.__setattr__(record, "__dict__", fields)
    object.__setattr__(record, "__fields_set__", set(fields_set))
    return record


class RecordBuilder(Generic[Model]):
    """Makes records of ``model`` from field dicts, as ``model(**data)`` would, reusing the validation of
    values already seen by this builder (one builder per import: the cache lives as long as it)."""

    def __init__(self, model: type[Model]) -> None:
        self.model = model
        self._fields = model.__fields__
        self._enabled = _fast_path_applies(model)
        self._required = frozenset(name for name, f in self._fields.items() if f.required)
        # Defaults given as they are (the rest, e.g. a fresh list from a factory, are made per record).
        self._fixed_defaults = {name: f.default for name, f in self._fields.items()
                                if not f.required and f.default_factory is None
                                and f.default.__class__ in AS_IS_DEFAULTS}
        self._factories = {name: f.default_factory for name, f in self._fields.items() if f.default_factory}
        self._validated: dict[str, dict[Any, Any]] = {name: {} for name in self._fields}  # by field, by key
        self._item_fields = {name: f.sub_fields[0] for name, f in self._fields.items() if _is_plain_list(f)}
        self._validated_items: dict[str, dict[str, Any]] = {name: {} for name in self._item_fields}
        # Every field in the model's order, its default where it has one as is: a record's ``__dict__`` is this
        # copied, with its own values and fresh factory defaults put in, which is what ``construct()`` makes
        # when every default is covered so (it walks every field for every record to get there).
        covered = self._required | self._fixed_defaults.keys() | self._factories.keys()
        self._template: dict[str, Any] | None = None
        if covered == self._fields.keys() and not model.__private_attributes__:
            self._template = {name: self._fixed_defaults.get(name) for name in self._fields}
        self._fresh_lists = tuple(name for name, factory in self._factories.items() if factory is list)
        self._other_factories = tuple((name, factory) for name, factory in self._factories.items()
                                      if factory is not list)

    def build(self, data: Mapping[str, Any]) -> Model:
        """The record ``model(**data)`` makes; raises the ValidationError it raises."""
        values = self._validate(dict(data)) if self._enabled else None
        if values is None:
            return self.model(**data)  # pydantic's own errors, as the model reports them
        if self._template is None:
            complete = {**self._fixed_defaults, **values}
            for name, factory in self._factories.items():
                if name not in values:
                    complete[name] = factory()
            return self.model.construct(_fields_set=set(values), **complete)  # fills any other default itself
        fields = self._template.copy()
        for name in self._fresh_lists:
            fields[name] = []
        for name, factory in self._other_factories:
            fields[name] = factory()
        fields.update(values)  # every key is there already: the model's field order stays
        return assembled_record(self.model, fields, values)

    def _validate(self, data: dict[str, Any]) -> dict[str, Any] | None:
        """The given fields' validated values, or None for anything the model itself must handle."""
        model = self.model
        try:
            for pre_root in model.__pre_root_validators__:
                data = pre_root(model, data)
        except (ValueError, TypeError, AssertionError):
            return None
        if not isinstance(data, dict) or not data.keys() <= self._fields.keys() or not self._required <= data.keys():
            return None
        values: dict[str, Any] = {}
        for name, value in data.items():
            item_field = self._item_fields.get(name)
            if item_field is not None and value.__class__ is list:
                items = self._validate_list(name, item_field, value, values)
                if items is not None:
                    values[name] = items
                    continue
            known = self._validated[name]
            key = value if value.__class__ is str else _reuse_key(value)
            hit = known.get(key, _MISSING) if key is not None else _MISSING
            if hit is _MISSING:
                hit, errors = self._fields[name].validate(value, values, loc=name, cls=model)
                if errors:
                    return None
                if key is not None and hit.__class__ in IMMUTABLE_RESULTS:
                    known[key] = hit
            values[name] = hit
        return values

    def _validate_list(self, name: str, item_field: ModelField, value: list[Any], values: dict[str, Any]) -> list[Any] | None:
        """What ``ModelField.validate`` makes of a list of texts, each distinct text validated once; None for
        anything else (not a list after the pre validators, an item that is not a text, any error): the
        field's own ``validate`` then handles it, errors included."""
        field, model = self._fields[name], self.model
        errors = None
        if field.pre_validators:
            value, errors = field._apply_validators(value, values, name, model, field.pre_validators)
        if errors or value.__class__ is not list:
            return None
        known = self._validated_items[name]
        items = []
        for i, item in enumerate(value):
            if item.__class__ is not str:
                return None
            hit = known.get(item, _MISSING)
            if hit is _MISSING:
                hit, errors = item_field.validate(item, values, loc=(name, i), cls=model)
                if errors:
                    return None
                if hit.__class__ in IMMUTABLE_RESULTS:
                    known[item] = hit
            items.append(hit)
        if field.post_validators:
            items, errors = field._apply_validators(items, values, name, model, field.post_validators)
            if errors:
                return None
        return items


def _is_plain_list(field: ModelField) -> bool:
    """A ``list[X]`` field whose items are plain fields (no nested shapes, no union to choose from)."""
    subs = field.sub_fields or []
    return (field.shape == SHAPE_LIST and len(subs) == 1 and subs[0].shape == SHAPE_SINGLETON
            and not subs[0].sub_fields and field.discriminator_key is None)
