/** What an image is, from its name and first bytes: shown to the admin before writing. */

export type Compression = 'none' | 'gzip' | 'xz';

export interface ImageKind {
  compression: Compression;
  /** A short description: "Etherboot floppy image", "hybrid ISO (USB-writable)", … */
  label: string;
}

/** How many bytes `detectImageKind` wants to see (an ISO's volume descriptor is at 32 KiB). */
export const DETECTION_BYTES = 0x8006;

const SUFFIX_LABELS: Record<string, string> = {
  zdsk: 'Etherboot floppy image',
  lzdsk: 'Etherboot floppy image',
  dsk: 'floppy image (Etherboot/iPXE)',
  usb: 'iPXE USB image',
  iso: 'ISO image',
  img: 'raw disk image',
};

export function compressionOf(name: string, head: Uint8Array): Compression {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  const xzMagic = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
  if (xzMagic.every((byte, index) => head[index] === byte)) return 'xz';
  return 'none';
}

function contentLabel(head: Uint8Array): string | undefined {
  const text = (from: number, length: number) => String.fromCharCode(...head.subarray(from, from + length));
  const bootable = head[510] === 0x55 && head[511] === 0xaa;
  if (text(0x8001, 5) === 'CD001') return bootable ? 'hybrid ISO (USB-writable)' : 'ISO image (not hybrid)';
  if (!bootable) return undefined;
  if (text(54, 5) === 'FAT12') return 'bootable FAT12 floppy image';
  const partitioned = [0, 1, 2, 3].some((index) => (head[446 + index * 16 + 4] ?? 0) !== 0);
  return partitioned ? 'bootable disk image (MBR)' : 'bootable image';
}

/** `name` is the file name without compression suffix considered; `head` the (decompressed) first bytes. */
export function detectImageKind(name: string, head: Uint8Array, compression: Compression): ImageKind {
  const base = name.replace(/\.(gz|xz)$/i, '');
  const suffix = /\.([a-z0-9]+)$/i.exec(base)?.[1]?.toLowerCase() ?? '';
  const label = contentLabel(head) ?? SUFFIX_LABELS[suffix] ?? 'raw image';
  return { compression, label: compression === 'none' ? label : `${label}, ${compression}-compressed` };
}
