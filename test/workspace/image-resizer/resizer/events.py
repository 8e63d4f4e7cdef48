"""The resize request, from an EventBridge "Object Created" event or a direct invocation."""
from dataclasses import dataclass
from urllib.parse import unquote_plus

DEFAULT_SIZE = 256


@dataclass(frozen=True)
class ResizeRequest:
    bucket: str
    key: str
    width: int
    height: int


def parse_event(event):
    detail = event.get("detail")
    if detail is not None:
        # S3 via EventBridge: the size comes from the rule's input transformer.
        bucket = detail["bucket"]["name"]
        key = unquote_plus(detail["object"]["key"])
        size = event.get("size", {})
        return ResizeRequest(bucket, key, int(size["width"]), int(size["height"]))
    # Direct invocation (the admin tool): every field is given.
    return ResizeRequest(
        bucket=event["bucket"],
        key=event["key"],
        width=int(event.get("width", DEFAULT_SIZE)),
        height=int(event.get("height", DEFAULT_SIZE)),
    )
