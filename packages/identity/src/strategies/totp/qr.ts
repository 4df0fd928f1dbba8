/** The QR code authenticator apps scan: the otpauth:// URL as a PNG data URI for an `img` node. */
export const QR_SIZE = 256;

/** qrcode and its PNG encoder load when a first TOTP setup asks, not at start (docs/decisions/0002-hot-path-performance.md). */
export const qrDataUri = async (text: string): Promise<string> => {
  const { default: QRCode } = await import('qrcode');
  return QRCode.toDataURL(text, { type: 'image/png', width: QR_SIZE, margin: 1, errorCorrectionLevel: 'M' });
};
