/** The USB boot image's layout: one active FAT16 (LBA) partition from sector 2048 of an 8 MiB disk. */
export const USB_LAYOUT = {
  diskBytes: 8 * 1024 * 1024,
  partitionStartSector: 2048,
  partitionSectors: 8 * 2048 - 2048,
} as const;

const ACTIVE = 0x80;
const FAT16_LBA = 0x0e;
/** CHS fields saying "use LBA": cylinder 1023, head 254, sector 63. */
const CHS_BEYOND = [0xfe, 0xff, 0xff];

function littleEndian32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

/** Bytes 440–511 of the MBR: disk signature, the one partition entry, three empty ones, 0x55AA. */
export function mbrPartitionTable(diskSignature = 0x434c4453): Uint8Array {
  const { partitionStartSector, partitionSectors } = USB_LAYOUT;
  const entry = [
    ACTIVE,
    ...CHS_BEYOND,
    FAT16_LBA,
    ...CHS_BEYOND,
    ...littleEndian32(partitionStartSector),
    ...littleEndian32(partitionSectors),
  ];
  const tail = [
    ...littleEndian32(diskSignature),
    0,
    0,
    ...entry,
    ...new Array<number>(48).fill(0),
    0x55,
    0xaa,
  ];
  return Uint8Array.from(tail);
}
