"""Reading originals from and writing thumbnails to S3."""
import boto3
from botocore.config import Config

# Thumbnails are small: a short timeout and a few retries beat waiting on a slow connection.
_s3 = boto3.client(
    "s3",
    config=Config(
        connect_timeout=2,
        read_timeout=10,
        retries={"max_attempts": 3, "mode": "standard"},
    ),
)

CACHE_CONTROL = "public, max-age=31536000, immutable"
MAX_ORIGINAL_BYTES = 25 * 1024 * 1024


class OriginalTooLarge(Exception):
    pass


def load_image(bucket, key):
    head = _s3.head_object(Bucket=bucket, Key=key)
    if head["ContentLength"] > MAX_ORIGINAL_BYTES:
        raise OriginalTooLarge(f"{key} is {head['ContentLength']} bytes")
    response = _s3.get_object(Bucket=bucket, Key=key)
    return response["Body"].read()


def save_thumbnail(bucket, key, data):
    """Stores the thumbnail; the key holds the size, so a thumbnail never changes once written."""
    metadata = {
        "generator": "image-resizer",
        "source-key": key.split("/", 2)[-1],
        "size": key.split("/", 2)[1],
        "format": "jpeg",
    }
    # The function's role needs s3:PutObject on the thumbnails bucket, not only s3:GetObject:
    # a read-only policy fails here, on every image, with AccessDenied.
    _s3.put_object(
        Bucket=bucket,
        Key=key,
        Body=data,
        ContentType="image/jpeg",
        CacheControl=CACHE_CONTROL,
        Metadata=metadata,
    )
    return key
