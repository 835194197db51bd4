"""Lists ACLs with kafka-python's KafkaAdminClient, as kafka-acls.sh --list does, and prints
what the broker answered as one JSON object (read by tst_kafkapython_admin).

Usage: admin_acls.py BOOTSTRAP
"""
import json
import sys

from kafka.admin import (ACLFilter, ACLOperation, ACLPermissionType, ACLResourcePatternType,
                         KafkaAdminClient, ResourcePatternFilter, ResourceType)
from kafka.errors import KafkaError


def main():
    admin = KafkaAdminClient(bootstrap_servers=sys.argv[1], client_id="chippy-admin-test")
    everything = ACLFilter(
        principal=None,
        host="*",
        operation=ACLOperation.ANY,
        permission_type=ACLPermissionType.ANY,
        resource_pattern=ResourcePatternFilter(
            ResourceType.ANY, None, ACLResourcePatternType.ANY))
    steps = {}
    try:
        acls, error = admin.describe_acls(everything)
        steps["describe_acls"] = {"acls": len(acls), "error": type(error).__name__}
    except KafkaError as e:
        steps["describe_acls"] = {"error": type(e).__name__, "message": str(e)}
    # The admin client goes on working after the refusal.
    steps["topics_after"] = sorted(t for t in admin.list_topics() if not t.startswith("__"))
    admin.close()
    print(json.dumps(steps))


if __name__ == "__main__":
    main()
