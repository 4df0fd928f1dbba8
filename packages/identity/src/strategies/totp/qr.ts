/** The QR code authenticator apps scan: the otpauth:// URL as a PNG data URI for an `img` node. */
import QRCode from 'qrcode';

export const QR_SIZE = 256;

export const qrDataUri = (text: string): Promise<string> =>
  QRCode.toDataURL(text, { type: 'image/png', width: QR_SIZE, margin: 1, errorCorrectionLevel: 'M' });
