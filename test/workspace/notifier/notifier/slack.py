"""Slack incoming webhooks."""
import logging

logger = logging.getLogger(__name__)

COLORS = {"info": "#2eb67d", "warning": "#ecb22e", "critical": "#e01e5a"}
TIMEOUT_SECONDS = 5


def post_message(session, webhook_url, alert):
    """Posts one alert; Slack's 5xx answers are logged and dropped (the alert also goes to e-mail)."""
    payload = {
        "text": alert["title"],
        "attachments": [{"color": COLORS.get(alert.get("severity"), "#cccccc"), "text": alert.get("body", "")}],
    }
    response = session.post(webhook_url, json=payload, timeout=TIMEOUT_SECONDS)
    try:
        # Slack answers 503 when it sheds load; the alert is not worth failing the batch for.
        response.raise_for_status()
    except Exception:
        logger.exception("Slack rejected the alert")
        return False
    return True
