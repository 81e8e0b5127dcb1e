// Skeleton: inline first attempts land with the Feie adapter.
export async function sendPrintJobsNow(_jobIds: string[]): Promise<void> {}
