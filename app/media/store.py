"""The one way an image gets into the app: checked, re-encoded, stored by its content.

An upload is believed only after Pillow has read it: the type comes from the bytes, never
from the file name. Its size and pixel count are checked before it is decoded (a
decompression bomb is refused on its header), then it is decoded and written again as
WebP in two sizes, one for phones and one for the projector. Writing it again drops
whatever the file carried besides pixels: EXIF, GPS positions, comments, scripts.

Files are named by the SHA-256 of the upload, so the same picture uploaded twice is
stored once and a stored file never changes: it can be cached for a year. Each file is
written to a temporary name and renamed into place, so several app hosts can share one
directory (``MEDIA_DIR``) without ever serving half a file.

Pure apart from the directory it writes to: no Flask, no database.
"""

import hashlib
import io
import os
import re
import tempfile
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from app.core.errors import DomainError
from app.i18n import _l

ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF"})
URL_PREFIX = "/media"
KEY_PATTERN = re.compile(r"[0-9a-f]{32}")
# What Pillow's decoders raise on a truncated or corrupt file (SyntaxError and friends
# come from its plugins' header parsers).
CORRUPT_FILE_ERRORS = (OSError, ValueError, SyntaxError, EOFError, IndexError, TypeError)


@dataclass(frozen=True)
class Variant:
    """One stored size: no side longer than ``longest_side``, and (for phones) no file
    heavier than ``max_bytes``, lowering the quality, then the size, until it fits."""

    name: str
    longest_side: int
    quality: int
    max_bytes: int | None = None


VARIANTS = {
    "phone": Variant("phone", 640, 70, max_bytes=50_000),  # a phone page's image budget
    "projector": Variant("projector", 1600, 82, max_bytes=400_000),  # school Wi-Fi
}


class MediaError(DomainError):
    messages = {
        "not_an_image": _l("This file is not an image. Choose a JPEG, PNG, WebP or GIF picture."),
        "too_heavy": _l("The image is larger than %(megabytes)d MB. Choose a smaller file."),
        "too_many_pixels": _l(
            "The image is too large: at most %(megapixels)d megapixels. Make it smaller first."
        ),
    }


@dataclass(frozen=True)
class StoredImage:
    key: str
    width: int
    height: int


@dataclass(frozen=True)
class MediaStore:
    directory: Path
    max_bytes: int
    max_pixels: int

    def save_image(self, data: bytes) -> StoredImage:
        """Store an uploaded image in every variant (once: the same bytes give the same key)."""
        return self._store(data, self.open_image(data))

    def save_images(self, files: Mapping[str, bytes]) -> dict[str, str]:
        """Store several images, say those of an imported file: {name: key}. Every one is
        checked before any is written, so a bad one leaves nothing behind."""
        opened = {}
        for name, data in files.items():
            try:
                opened[name] = self.open_image(data)
            except MediaError as refused:
                raise MediaError(refused.code, **refused.params, name=name) from None
        return {name: self._store(files[name], image).key for name, image in opened.items()}

    def _store(self, data: bytes, image: Image.Image) -> StoredImage:
        key = hashlib.sha256(data).hexdigest()[:32]
        folder = self.directory / key[:2] / key
        for variant in VARIANTS.values():
            target = folder / f"{variant.name}.webp"
            if not target.exists():
                _write_atomically(target, _encode(image, variant))
        return StoredImage(key, image.width, image.height)

    def open_image(self, data: bytes) -> Image.Image:
        return open_image(data, self.max_bytes, self.max_pixels)

    def path_of(self, key: str, variant: str) -> Path | None:
        """The stored file of a key and variant, or None for anything else."""
        if not KEY_PATTERN.fullmatch(key) or variant not in VARIANTS:
            return None
        path = self.directory / key[:2] / key / f"{variant}.webp"
        return path if path.is_file() else None

    def read(self, key: str, variant: str = "projector") -> bytes | None:
        path = self.path_of(key, variant)
        return path.read_bytes() if path else None


def image_path(key: str, variant: str) -> str:
    """Where the app serves a stored image (app/media/views.py), for pages built in script."""
    return f"{URL_PREFIX}/{key}/{variant}.webp"


def open_image(data: bytes, max_bytes: int, max_pixels: int) -> Image.Image:
    """The decoded image, upright, or a MediaError saying why not; writes nothing."""
    if len(data) > max_bytes:
        raise MediaError("too_heavy", megabytes=max(1, max_bytes // 1_000_000))
    with warnings.catch_warnings():
        # Pillow warns, then raises, on images far beyond its own bomb limit; ours is lower
        # and checked on the header, so its warning is only noise here.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=sorted(ACCEPTED_FORMATS))
            if image.width * image.height > max_pixels:
                raise MediaError("too_many_pixels", megapixels=max_pixels // 1_000_000)
            image.load()
        except Image.DecompressionBombError:  # Pillow's own header check, for the huge ones
            raise MediaError("too_many_pixels", megapixels=max_pixels // 1_000_000) from None
        except (UnidentifiedImageError, *CORRUPT_FILE_ERRORS):
            raise MediaError("not_an_image") from None
    return ImageOps.exif_transpose(image)


def _encode(image: Image.Image, variant: Variant) -> bytes:
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert(
            "RGBA" if "transparency" in image.info or "A" in image.mode else "RGB"
        )
    resized = image.copy()
    resized.thumbnail((variant.longest_side, variant.longest_side), Image.Resampling.LANCZOS)
    quality = variant.quality
    while True:
        encoded = io.BytesIO()
        resized.save(encoded, "WEBP", quality=quality, method=6)
        size = encoded.tell()
        if variant.max_bytes is None or size <= variant.max_bytes:
            return encoded.getvalue()
        if quality > 40:
            quality -= 10
        else:  # still too heavy at a low quality: fewer pixels
            resized.thumbnail((int(resized.width * 0.8), int(resized.height * 0.8)))


def _write_atomically(target: Path, content: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
