"""Checking PDFs and images before anything else reads them, and making every scan a PDF.

A file that would harm the pipeline — encrypted, scripted, damaged, a
decompression bomb — is refused here with a reason a postroom employee can
read. Images become PDFs (img2pdf), so every later stage sees one format:
a scanner's PNG, JPEG or TIFF losslessly; a photo (HEIC from an iPhone, WebP
from a messenger, a JPEG) turned upright by its EXIF orientation and cut to
the sheet of paper when the sheet is found for certain; a GIF or BMP from an
old scanner or fax program re-encoded losslessly.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from dataclasses import dataclass
from functools import cache

import img2pdf
import pikepdf
from PIL import Image, ImageFile, ImageOps, ImageSequence, UnidentifiedImageError

from mailroom.core import imaging
from mailroom.core.errors import CorruptInput, EncryptedInput, InputRejected, UnsupportedInput
from mailroom.intake.detect import BMP, GIF, HEIF, IMAGE_TYPES, JPEG, PDF, WEBP
from mailroom.intake.limits import IntakeLimits

log = logging.getLogger(__name__)

#: Page sizes, in inches, a scanned sheet of paper can have; outside them the DPI lies.
PAGE_INCHES = (2.0, 17.0)
DEFAULT_DPI = 300
#: Height, in inches, of a sheet a photo was cut to: most post is A4.
SHEET_INCHES = 11.69
#: Photos (cameras and messengers make them): turned by their EXIF orientation, looked at for
#: a sheet on a table, and re-encoded as JPEG — they were lossy already.
PHOTOS = frozenset({JPEG, HEIF, WEBP})
#: Re-encoded without loss: a GIF or BMP holds a scan or a fax, every pixel matters.
LOSSLESS = frozenset({GIF, BMP})
#: EXIF orientations img2pdf turns with the page's /Rotate (no re-encoding needed).
_TURNS_ONLY = (None, 1, 3, 6, 8)
_EXIF_ORIENTATION = 0x0112


def check_pdf(data: bytes, limits: IntakeLimits, password: str | None = None) -> bytes:
    """Validate a PDF and return bytes that are safe to process.

    An owner-password PDF (one anybody can open) comes back decrypted; one that
    needs a password is refused unless ``password`` opens it.
    """
    try:
        pdf = pikepdf.open(io.BytesIO(data), password=password or "")
    except pikepdf.PasswordError as e:
        hint = "the password given does not open it" if password else "supply the password"
        raise EncryptedInput(f"the PDF is password-protected; {hint}") from e
    except (pikepdf.PdfError, ValueError, OSError) as e:
        raise CorruptInput(f"the PDF is damaged and cannot be read ({_first_line(e)})") from e
    with pdf:
        try:
            pages = len(pdf.pages)
        except pikepdf.PdfError as e:
            raise CorruptInput(f"the PDF is damaged: its pages cannot be read ({e})") from e
        if pages == 0:
            raise CorruptInput("the PDF has no pages")
        if pages > limits.max_pages:
            raise InputRejected(f"the PDF has {pages} pages; at most {limits.max_pages} are taken")
        if _has_javascript(pdf):
            raise InputRejected("the PDF contains JavaScript; it is not opened for safety")
        _check_image_sizes(pdf, limits)
        if pdf.is_encrypted and not password and _is_signed(pdf):
            # A signed PDF that restricts changes (an owner password, often) opens without
            # one; decrypting it would change its bytes and break the signature.
            return data
        if pdf.is_encrypted or password:
            out = io.BytesIO()
            pdf.save(out)  # saving without encryption options removes it
            return out.getvalue()
    return data


def is_signed_pdf(data: bytes) -> bool:
    """Whether a (checked) PDF says it carries a digital signature: it is kept whole."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return _is_signed(pdf)
    except pikepdf.PdfError:
        return False


def _is_signed(pdf: pikepdf.Pdf) -> bool:
    """Whether the PDF's form says it carries a digital signature (/SigFlags, bit 1)."""
    form = pdf.Root.get("/AcroForm")
    try:
        return isinstance(form, pikepdf.Dictionary) and bool(int(form.get("/SigFlags", 0)) & 1)
    except (TypeError, ValueError):
        return False


def _check_image_sizes(pdf: pikepdf.Pdf, limits: IntakeLimits) -> None:
    """Refuse a page holding an image larger than a scanned page can be, before anything
    decodes it: 35000 x 35000 pixels take more than a gigabyte in memory."""
    for number, page in enumerate(pdf.pages, 1):
        try:
            images = page.get_images().values()
        except (pikepdf.PdfError, ValueError, AttributeError, TypeError):
            continue  # damaged resources: the renderer or OCR says what is wrong with them
        for image in images:
            width, height = int(image.get("/Width", 0)), int(image.get("/Height", 0))
            if width * height > limits.max_image_pixels:
                raise InputRejected(
                    f"page {number} is an image of {width} x {height} pixels "
                    f"({width * height / 1e6:.0f} megapixels), larger than any scanned page; "
                    f"at most {limits.max_image_pixels / 1e6:.0f} megapixels are read "
                    "(setting max_image_mpixels)"
                )


def _has_javascript(pdf: pikepdf.Pdf) -> bool:
    # Actions are often direct objects inside another (an /OpenAction in the
    # catalog, an /A in a link annotation), so look inside every object too.
    stack: list[pikepdf.Object] = list(pdf.objects)
    while stack:
        obj = stack.pop()
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            if "/JS" in obj or obj.get("/S") == pikepdf.Name.JavaScript:
                return True
            children = list(obj.values())
        elif isinstance(obj, pikepdf.Array):
            children = list(obj)
        else:
            continue
        stack.extend(
            c for c in children if isinstance(c, pikepdf.Object) and not c.is_indirect
        )  # indirect objects are in pdf.objects already
    names = pdf.Root.get("/Names")
    return isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names


def to_safe_pdf(
    data: bytes, media_type: str, limits: IntakeLimits, password: str | None = None
) -> bytes:
    """A checked PDF of a scan or PDF; raises InputRejected with the reason when it is bad."""
    if media_type == PDF:
        return check_pdf(data, limits, password)
    return image_to_pdf(data, media_type, limits)


@cache
def _register_heif() -> None:
    """Let Pillow open HEIC/HEIF (iPhone photos) through pillow-heif, once per process."""
    import pillow_heif

    pillow_heif.register_heif_opener()


def _open(data: bytes) -> Image.Image:
    _register_heif()
    return Image.open(io.BytesIO(data))


def image_side(data: bytes) -> int | None:
    """The shorter side of an image in pixels, from its header; None when unreadable."""
    try:
        with _open(data) as img:
            return min(img.size)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None


def _first_line(e: BaseException) -> str:
    # Libraries name the in-memory buffer ("stream <_io.BytesIO object at 0x7f..>:"); people
    # reading the reason need only what is wrong.
    text = re.sub(r"(?:stream )?<[\w.]+ object at 0x[0-9a-fA-F]+>:?", "", str(e)).strip()
    return (text.splitlines() or [type(e).__name__])[0][:200]


def image_to_pdf(data: bytes, media_type: str, limits: IntakeLimits) -> bytes:
    """Validate a scan or photo (PNG, JPEG, TIFF, HEIC, GIF, BMP, WebP) and make it a PDF.

    A scanner's PNG, TIFF or plain JPEG goes into the PDF as it is; a photo is
    turned upright and cut to its sheet first (see :func:`photo_page`).
    """
    if media_type not in IMAGE_TYPES:
        raise UnsupportedInput(f"{media_type} is not a scan mailroom takes")
    frames = _check_image(data, limits)
    dpi = _sane_dpi(frames)
    if media_type in PHOTOS or media_type in LOSSLESS:
        page = photo_page(data, media_type, dpi)
        if page.redrawn:
            layout = img2pdf.get_fixed_dpi_layout_fun((page.dpi, page.dpi))
            return img2pdf.convert(page.data, layout_fun=layout)
    try:
        layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
        return img2pdf.convert(data, layout_fun=layout, rotation=img2pdf.Rotation.ifvalid)
    except (img2pdf.AlphaChannelError, img2pdf.ImageOpenError, ValueError, OSError):
        # img2pdf refuses alpha channels and some colour modes: re-encode losslessly.
        return img2pdf.convert(
            _flatten(data), layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
        )


@dataclass(frozen=True)
class PhotoPage:
    """A photo or old-format image made ready for the PDF: its bytes and what was done."""

    data: bytes
    dpi: float
    #: Whether ``data`` was drawn anew (turned, cut or re-encoded); False: the input as it is.
    redrawn: bool
    sheet: imaging.SheetFound | None = None


def photo_page(data: bytes, media_type: str, dpi: float) -> PhotoPage:
    """The first frame of an image, upright by its EXIF orientation and, for a photo, cut to
    the sheet of paper when :func:`mailroom.core.imaging.find_sheet` finds it for certain.

    A JPEG that needs neither a cut nor a mirror comes back as it is: img2pdf embeds it
    without re-encoding and turns the page by its EXIF orientation itself.
    """
    with _open(data) as img:
        frames = getattr(img, "n_frames", 1)
        if media_type == GIF and frames > 1:
            log.info("an animated GIF of %d frames: only its first frame is taken", frames)
        orientation = img.getexif().get(_EXIF_ORIENTATION)
        img.seek(0)
        upright = ImageOps.exif_transpose(_on_white(img))
    sheet = imaging.find_sheet(upright) if media_type in PHOTOS else None
    if sheet is not None and sheet.found:
        log.info("photo cut to its sheet: %s", sheet.reason)
        upright = imaging.crop_to_sheet(upright, sheet)
        dpi = max(upright.size) / SHEET_INCHES
    elif media_type == JPEG and orientation in _TURNS_ONLY:
        return PhotoPage(data, dpi, redrawn=False, sheet=sheet)
    return PhotoPage(_encode(upright, media_type, dpi), dpi, redrawn=True, sheet=sheet)


def _on_white(image: Image.Image) -> Image.Image:
    """``image`` in a mode a PDF page takes; what is transparent becomes white paper (a
    transparent pixel's own colour is often black: the page would be black on black)."""
    if image.mode in ("1", "L", "RGB", "CMYK"):
        return image
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        flat = Image.alpha_composite(paper, rgba).convert("RGB")
        flat.info = dict(image.info)  # keeps the EXIF orientation for exif_transpose
        return flat
    return image.convert("RGB")


def _encode(image: Image.Image, media_type: str, dpi: float) -> bytes:
    out = io.BytesIO()
    if image.mode not in ("1", "L", "RGB"):
        image = image.convert("RGB")
    if media_type in LOSSLESS or image.mode == "1":
        image.save(out, "PNG", dpi=(round(dpi), round(dpi)))
    else:
        image.save(out, "JPEG", quality=92, dpi=(round(dpi), round(dpi)))
    return out.getvalue()


def _check_image(
    data: bytes, limits: IntakeLimits
) -> list[tuple[int, int, tuple[float, float] | None]]:
    # A library may have switched Pillow's process-wide LOAD_TRUNCATED_IMAGES on (WeasyPrint
    # does on import); then a truncated scan would pass for a whole one.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    frames: list[tuple[int, int, tuple[float, float] | None]] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with _open(data) as img:
                for index, frame in enumerate(ImageSequence.Iterator(img)):
                    if index >= limits.max_pages:
                        raise InputRejected(
                            f"the image has more than {limits.max_pages} pages; not taken"
                        )
                    width, height = frame.size
                    if width * height > limits.max_image_pixels:
                        raise InputRejected(
                            f"page {index + 1} is {width}x{height} pixels, more than a scan can be "
                            "(a decompression bomb?); not opened"
                        )
                    if min(width, height) < limits.min_image_side:
                        raise InputRejected(
                            f"the image is {width}x{height} pixels, too small to be a scanned page"
                        )
                    frame.load()  # decodes, so a truncated file fails here and not in OCR
                    dpi = frame.info.get("dpi")
                    frames.append((width, height, (float(dpi[0]), float(dpi[1])) if dpi else None))
    except InputRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise InputRejected(f"the image is a decompression bomb; not opened ({e})") from e
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as e:
        raise CorruptInput(f"the image is damaged and cannot be read ({_first_line(e)})") from e
    return frames


def _sane_dpi(frames: list[tuple[int, int, tuple[float, float] | None]]) -> int:
    width, height, dpi = frames[0]
    if dpi and dpi[0] > 0:
        inches = max(width, height) / dpi[0]
        if PAGE_INCHES[0] <= inches <= PAGE_INCHES[1]:
            return round(dpi[0])
    return DEFAULT_DPI


def _flatten(data: bytes) -> bytes:
    out = io.BytesIO()
    with Image.open(io.BytesIO(data)) as img:
        frames = [f.convert("RGB") for f in ImageSequence.Iterator(img)]
    frames[0].save(out, "TIFF", compression="tiff_deflate", save_all=True, append_images=frames[1:])
    return out.getvalue()
