"""Makes thumbnails of the images uploaded to the uploads bucket."""
import os

from resizer.events import parse_event
from resizer.images import make_thumbnail
from resizer.storage import load_image, save_thumbnail


def lambda_handler(event, context):
    request = parse_event(event)
    image = load_image(request.bucket, request.key)
    thumbnail = make_thumbnail(image, request.width, request.height)
    target_key = f"thumbnails/{request.width}x{request.height}/{request.key}"
    save_thumbnail(os.environ["THUMBNAIL_BUCKET"], target_key, thumbnail)
    return {"bucket": os.environ["THUMBNAIL_BUCKET"], "key": target_key}
