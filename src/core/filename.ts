// The seed's naming scheme: `day003_chat_capacity_rtx16gb.csv` → workload chat, gpu rtx16gb.
const CAPACITY_NAME = /(?:^|_)([^_/]+)_capacity_([^/]+)\.csv$/i;

/** Labels implied by a file name of the form `<anything>_<workload>_capacity_<gpu>.csv`. */
export function labelsFromFileName(file: string): { workload?: string; gpu?: string } {
  const base = file.slice(file.lastIndexOf('/') + 1);
  const match = CAPACITY_NAME.exec(base);
  if (!match) return {};
  const [, workload = '', gpu = ''] = match;
  return { workload: workload.toLowerCase(), gpu };
}
