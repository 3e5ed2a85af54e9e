"""moto's server (the project's AWS emulator), with two fixes to its DynamoDB and one record.

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

3. A record of what S3 sends to Lambda: moto cannot run an image function (no Docker
   engine here), so an upload into a bucket whose notification targets one goes nowhere
   visible. With MOTO_LAMBDA_EVENTS_FILE set, each event S3 sends to a function (after
   moto matched the bucket's notification configuration: events, prefix, suffix) is also
   appended to that file as a JSON line {"functionArn", "event"}, so a test can hand the
   very event to the code the function runs. moto's own (failing) invocation still runs.

4. IAM decisions, for the least-privilege test (tests/apply). moto enforces IAM policies
   once its auth is switched on (POST /moto-api/reset-auth), but:
   - it matches a statement's Resource only for S3 (bucket and key), SQS (queue), IAM roles
     and STS; every other request is checked against the resource "*", which no
     resource-scoped statement matches;
   - it evaluates no Condition of an identity policy (a statement with one denies), and
     reads a NotResource statement as one without resources (a Deny then denies all);
   - it names some S3 requests otherwise than IAM authorizes them (a HEAD of a bucket is
     "HeadBucket", IAM's s3:ListBucket; ?encryption, ?ownershipControls,
     ?publicAccessBlock and others fall through to ListBucket / CreateBucket / DeleteBucket);
   - it checks a multi-object delete (DeleteObjects) on the bucket, not its objects;
   - it checks the signature of a request without a body (Lambda's GetFunction) against
     its parsed parameters as if they were the body, so every such request fails.
   With MOTO_IAM_EVALUATION=actions: a statement answers a request whose resource moto did
   not determine as if its Resource matched; an Allow's conditions count as met and a
   Deny's as not met; NotResource excludes what it lists; S3 requests get the action the
   Service Authorization Reference gives (_S3_BUCKET_SUBRESOURCE_ACTIONS), and a
   multi-object delete is checked on the bucket's objects, as AWS checks each key; a bodiless
   request's signature is checked against the empty body it was signed with. What is then
   checked is the action (and the resource where moto knows it), which is what proves an
   action list complete. With MOTO_IAM_DECISIONS_FILE set, every authorization decision
   is appended there as a JSON line {"action", "resource", "allowed"}. Without these
   variables nothing changes.

Started like moto_server, with the same arguments.
"""

import copy
import json
import os
import sys
import threading

import moto.dynamodb.models as dynamodb_models
import moto.iam.access_control as access_control
import moto.s3.notifications as s3_notifications
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

_events_file = os.environ.get("MOTO_LAMBDA_EVENTS_FILE")
_invoke_awslambda = s3_notifications._invoke_awslambda
_events_lock = threading.Lock()


def _invoke_awslambda_recorded(account_id, event_body, fn_arn, region_name):
    with _events_lock, open(_events_file, "a", encoding="utf-8") as out:
        out.write(json.dumps({"functionArn": fn_arn, "event": event_body}) + "\n")
    return _invoke_awslambda(account_id, event_body, fn_arn, region_name)


if _events_file:
    s3_notifications._invoke_awslambda = _invoke_awslambda_recorded

_iam_evaluation = os.environ.get("MOTO_IAM_EVALUATION")
_decisions_file = os.environ.get("MOTO_IAM_DECISIONS_FILE")
_statement_permits = access_control.IAMPolicyStatement.is_action_permitted
_check_action_permitted = access_control.IAMRequestBase.check_action_permitted
_Result = access_control.PermissionResult


def _statement_permits_by_action(
    self, action, resource="*", principal=None, incoming_condition_values=None
):
    statement = self._statement
    # Trust policies (AssumeRole) and statements moto can judge in full: unchanged.
    if principal is not None or incoming_condition_values is not None:
        return _statement_permits(
            self, action, resource, principal, incoming_condition_values
        )
    not_resource = "NotResource" in statement
    if resource != "*" and "Condition" not in statement and not not_resource:
        return _statement_permits(self, action, resource)
    if "NotAction" in statement:
        concerned = not self._check_element_matches("NotAction", action)
    else:
        concerned = self._check_element_matches("Action", action)
    if not concerned:
        return _Result.NEUTRAL
    allow = statement.get("Effect") == "Allow"
    if "Condition" in statement and not allow:
        return _Result.NEUTRAL
    if not_resource:
        # moto reads a statement without Resource as a trust policy's; NotResource is the
        # complement: it applies to a known resource it does not list, to none moto cannot name.
        if resource == "*" or self._check_element_matches("NotResource", resource):
            return _Result.NEUTRAL
    elif resource != "*" and statement.get("Resource"):
        if not self._check_element_matches("Resource", resource):
            return _Result.NEUTRAL
    return _Result.PERMITTED if allow else _Result.DENIED


# Bucket subresource (query string key) -> IAM action by HTTP method, where moto's own
# S3 ACTION_MAP has none or another name (the Service Authorization Reference for S3).
_S3_BUCKET_SUBRESOURCE_ACTIONS = {
    "encryption": {"GET": "GetEncryptionConfiguration", "PUT": "PutEncryptionConfiguration", "DELETE": "PutEncryptionConfiguration"},
    "ownershipControls": {"GET": "GetBucketOwnershipControls", "PUT": "PutBucketOwnershipControls", "DELETE": "PutBucketOwnershipControls"},
    "publicAccessBlock": {"GET": "GetBucketPublicAccessBlock", "PUT": "PutBucketPublicAccessBlock", "DELETE": "PutBucketPublicAccessBlock"},
    "replication": {"GET": "GetReplicationConfiguration", "PUT": "PutReplicationConfiguration", "DELETE": "PutReplicationConfiguration"},
    "requestPayment": {"GET": "GetBucketRequestPayment", "PUT": "PutBucketRequestPayment"},
    "object-lock": {"GET": "GetBucketObjectLockConfiguration", "PUT": "PutBucketObjectLockConfiguration"},
    "notification": {"GET": "GetBucketNotification", "PUT": "PutBucketNotification"},
    "policyStatus": {"GET": "GetBucketPolicyStatus"},
}


def _route_and_query_keys(path):
    route, _, query = path.partition("?")
    return route, [part.split("=", 1)[0] for part in query.split("&") if part]


def _s3_iam_action(method, path, moto_action):
    """IAM's name for an S3 request that moto names otherwise; moto's name if it agrees."""
    route, keys = _route_and_query_keys(path)
    bucket_level = len([p for p in route.split("/") if p]) <= 1
    if not bucket_level:
        return moto_action
    if method == "HEAD":
        return "s3:ListBucket"
    for key in keys:
        action = _S3_BUCKET_SUBRESOURCE_ACTIONS.get(key, {}).get(method)
        if action:
            return f"s3:{action}"
    return moto_action


def _s3_iam_resource(method, path, resource):
    """DeleteObjects (POST ?delete): AWS authorizes each object; moto checks the bucket."""
    _, keys = _route_and_query_keys(path)
    if method == "POST" and "delete" in keys and resource.count("/") == 0:
        return f"{resource}/*"
    return resource


def _check_action_permitted_recorded(self, resource):
    if _iam_evaluation == "actions" and isinstance(self, access_control.S3IAMRequest):
        self._action = _s3_iam_action(self._method, self._path, self._action)
        resource = _s3_iam_resource(self._method, self._path, resource)
    allowed = False
    try:
        _check_action_permitted(self, resource)
        allowed = True
    finally:
        if _decisions_file:
            line = json.dumps(
                {"action": self._action, "resource": resource, "allowed": allowed}
            )
            with _events_lock, open(_decisions_file, "a", encoding="utf-8") as out:
                out.write(line + "\n")


_create_aws_request = access_control.IAMRequestBase._create_aws_request


def _create_aws_request_with_sent_body(self):
    request = _create_aws_request(self)
    # Only requests that carry no body; a form POST's body is what moto parsed into data.
    if self._method in ("GET", "HEAD", "DELETE") and not self._body:
        request.data = b""
    return request


if _iam_evaluation == "actions":
    access_control.IAMPolicyStatement.is_action_permitted = (
        _statement_permits_by_action
    )
    access_control.IAMRequestBase._create_aws_request = (
        _create_aws_request_with_sent_body
    )
if _decisions_file or _iam_evaluation == "actions":
    access_control.IAMRequestBase.check_action_permitted = (
        _check_action_permitted_recorded
    )

if __name__ == "__main__":
    sys.exit(main())
