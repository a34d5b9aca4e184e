/** What every write answers (API.md, "Write responses"). */
export interface WriteResult {
  position: number;
  streamVersion: number;
}

/** The write result of an append: its last position and the stream's new version, nothing else. */
export const writeResult = ({ position, streamVersion }: WriteResult): WriteResult => ({ position, streamVersion });
