"""QR codes of join addresses: SVG for screens, text for the terminal."""
import io

import qrcode
import qrcode.image.svg


def svg(text):
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathFillImage, border=2,
                        error_correction=qrcode.constants.ERROR_CORRECT_M)
    out = io.BytesIO()
    image.save(out)
    return out.getvalue()


def terminal(text):
    """Draw the code with half-block characters, two rows to a line."""
    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    out = io.StringIO()
    code.print_ascii(out=out, invert=True)
    return out.getvalue()
