"""moto's server (the project's AWS emulator), with two fixes to its DynamoDB and nothing else.

1. Speed: moto 5.2.5's TransactWriteItems backs up a table for rollback with
   copy.deepcopy once per item of the transaction that names it, so a transaction of 100
   puts into a table of N items copies 100 x N items; a first upload of 2,000 sessions
   took 147 s on the emulator. Here each table is copied once per transaction, as moto
   intends: the same backup, the same rollback, the same answers.
2. Thread safety: the server answers requests on several threads, and a transaction's
   backup copy of a table fails ("dictionary changed size during iteration", a 500) when
   another request writes to that table meanwhile. DynamoDB applies each write atomically;
   here every DynamoDB write runs under one lock, so concurrent requests get DynamoDB's
   answers instead of a 500.

Started like moto_server, with the same arguments.
"""

import copy
import sys
import threading

import moto.dynamodb.models as dynamodb_models
from moto.server import main

_real_copy = copy
_inside = threading.local()


class _CopyEachTableOnce:
    """Stands in for the `copy` module inside moto's DynamoDB models."""

    def deepcopy(self, obj, *args, **kwargs):
        backups = getattr(_inside, "backups", None)
        if backups is None or not isinstance(obj, dynamodb_models.Table):
            return _real_copy.deepcopy(obj, *args, **kwargs)
        if id(obj) not in backups:
            backups[id(obj)] = _real_copy.deepcopy(obj, *args, **kwargs)
        return backups[id(obj)]

    def __getattr__(self, name):
        return getattr(_real_copy, name)


_transact_write_items = dynamodb_models.DynamoDBBackend.transact_write_items


def _transact_write_items_copying_once(self, transact_items):
    _inside.backups = {}
    try:
        return _transact_write_items(self, transact_items)
    finally:
        _inside.backups = None


dynamodb_models.copy = _CopyEachTableOnce()
dynamodb_models.DynamoDBBackend.transact_write_items = _transact_write_items_copying_once

_writes = threading.RLock()
_WRITES = (
    "transact_write_items",
    "put_item",
    "update_item",
    "delete_item",
    "batch_write_item",
)


def _one_at_a_time(method):
    def locked(self, *args, **kwargs):
        with _writes:
            return method(self, *args, **kwargs)

    return locked


for _name in _WRITES:
    if hasattr(dynamodb_models.DynamoDBBackend, _name):
        setattr(
            dynamodb_models.DynamoDBBackend,
            _name,
            _one_at_a_time(getattr(dynamodb_models.DynamoDBBackend, _name)),
        )

if __name__ == "__main__":
    sys.exit(main())
