/**
 * AWS Backup lifecycle and window rules, shared by the backup rule, the Organizations backup policy document and the
 * rollout config.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html
 */
import { awsRejects } from "./authority";

/** Recovery points in cold storage stay there at least this many days. */
export const MIN_COLD_STORAGE_DAYS = 90;
/** The longest retention AWS Backup accepts, in days. */
export const MAX_RETENTION_DAYS = 36500;
/** The longest point-in-time recovery window AWS Backup keeps. */
export const MAX_CONTINUOUS_RETENTION_DAYS = 35;
/** The shortest start window AWS Backup accepts, in minutes. */
export const MIN_START_WINDOW_MINUTES = 60;

/** The rule a deletion age breaks given the move to cold storage, or undefined. */
export function coldStorageRule(deleteDays: number, coldDays: number | undefined): string | undefined {
  if (coldDays === undefined || deleteDays >= coldDays + MIN_COLD_STORAGE_DAYS) return undefined;
  return awsRejects(
    `a deletion earlier than the move to cold storage + ${MIN_COLD_STORAGE_DAYS} days (${coldDays + MIN_COLD_STORAGE_DAYS}): recovery points stay in cold storage at least ${MIN_COLD_STORAGE_DAYS} days`,
  );
}

/** The rule a completion window breaks given the start window, or undefined. */
export function completionWindowRule(startMinutes: number, completionMinutes: number): string | undefined {
  return completionMinutes > startMinutes ? undefined : awsRejects(`a completion window not longer than the start window (${startMinutes} minutes)`);
}
