"""Thumbnail rendering with Pillow."""
from io import BytesIO

from PIL import Image


def make_thumbnail(data, width, height):
    with Image.open(BytesIO(data)) as image:
        image.thumbnail((width, height))
        out = BytesIO()
        image.convert("RGB").save(out, format="JPEG", quality=85)
        return out.getvalue()
