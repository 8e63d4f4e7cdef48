"""Posts order and stock alerts to Slack (SNS messages in, one Slack message each)."""
import json
import os

import requests  # not in the deployment package: see requirements.txt

from notifier.slack import post_message

SESSION = requests.Session()


def handler(event, context):
    for record in event["Records"]:
        alert = json.loads(record["Sns"]["Message"])
        post_message(SESSION, os.environ["SLACK_WEBHOOK_URL"], alert)
    return {"posted": len(event["Records"])}
