"""The media store: what it accepts, what it refuses before decoding, what it writes."""

import io

import pytest
from PIL import Image

from app.media.store import VARIANTS, MediaError, MediaStore
from tests.media.pictures import picture, png_header_only


@pytest.fixture
def store(tmp_path):
    return MediaStore(tmp_path, max_bytes=16_000_000, max_pixels=4_000_000)


def test_an_image_is_stored_in_every_size_by_its_content(store):
    data = picture((1200, 900))
    stored = store.save_image(data)
    assert (stored.width, stored.height) == (1200, 900)
    assert len(stored.key) == 32
    for name, variant in VARIANTS.items():
        with Image.open(store.path_of(stored.key, name)) as written:
            assert written.format == "WEBP"
            assert max(written.size) <= variant.longest_side
    assert store.save_image(data).key == stored.key  # the same bytes, the same file


def test_the_phone_size_stays_within_its_byte_budget(store):
    stored = store.save_image(picture((1600, 1600), "JPEG", quality=95))
    assert store.path_of(stored.key, "phone").stat().st_size <= VARIANTS["phone"].max_bytes


def test_exif_and_gps_are_dropped_by_re_encoding(store):
    image = Image.new("RGB", (64, 64), "red")
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x8825] = {2: (43.0, 15.0, 0.0)}  # GPS latitude
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    assert b"SpyCam" in out.getvalue()
    stored = store.save_image(out.getvalue())
    for name in VARIANTS:
        written = store.path_of(stored.key, name).read_bytes()
        assert b"SpyCam" not in written
        with Image.open(io.BytesIO(written)) as reread:
            assert not reread.getexif()


def test_the_type_comes_from_the_bytes_not_the_name(store):
    with pytest.raises(MediaError) as refused:
        store.save_image(b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>")
    assert refused.value.code == "not_an_image"
    with pytest.raises(MediaError):
        store.save_image(b"%PDF-1.4 not a picture")
    with pytest.raises(MediaError):  # a picture format we do not take
        store.save_image(picture((20, 20), "BMP"))


def test_a_truncated_image_is_refused(store):
    with pytest.raises(MediaError) as refused:
        store.save_image(picture((300, 300))[:400])
    assert refused.value.code == "not_an_image"


def test_too_heavy_a_file_is_refused_before_reading(tmp_path):
    small = MediaStore(tmp_path, max_bytes=1000, max_pixels=4_000_000)
    with pytest.raises(MediaError) as refused:
        small.save_image(picture((300, 300)))
    assert refused.value.code == "too_heavy"
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize("side", [2_500, 20_000])  # beyond our limit; beyond Pillow's too
def test_a_decompression_bomb_is_refused_on_its_header(store, tmp_path, side):
    with pytest.raises(MediaError) as refused:
        store.save_image(png_header_only(side, side))
    assert refused.value.code == "too_many_pixels"
    assert refused.value.params == {"megapixels": 4}
    assert not any(tmp_path.iterdir())


def test_a_batch_is_checked_whole_before_anything_is_written(store, tmp_path):
    with pytest.raises(MediaError) as refused:
        store.save_images({"good.png": picture((50, 50)), "bad.png": b"nope"})
    assert refused.value.params["name"] == "bad.png"
    assert not any(tmp_path.iterdir())
    keys = store.save_images({"a.png": picture((50, 50)), "b.gif": picture((40, 40), "GIF")})
    assert set(keys) == {"a.png", "b.gif"} and len(set(keys.values())) == 2


@pytest.mark.parametrize(
    "key, variant", [("../" * 5 + "etc", "phone"), ("a" * 32, "original"), ("A" * 32, "phone")]
)
def test_only_stored_keys_and_known_sizes_have_a_path(store, key, variant):
    assert store.path_of(key, variant) is None
