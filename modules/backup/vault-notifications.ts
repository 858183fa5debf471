import { Construct } from "constructs";
import { BackupVaultNotifications } from "@cdktf/provider-aws/lib/backup-vault-notifications";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { TerraformProvider } from "../core/cdktf";
import { SNS_TOPIC_ARN_PATTERN } from "../core/private/aws";
import { Tags, Validator } from "../core";
import { renderPolicy } from "../core/private/policy";
import { awsIgnores, awsRejects, libraryNeeds, libraryRejects } from "../core/rules/authority";

/**
 * Vault events AWS Backup still delivers. Other names in the API reference are deprecated: they are accepted by
 * the API but never fire, so they are refused here.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_PutBackupVaultNotifications.html
 */
export const VAULT_EVENTS = [
  "BACKUP_JOB_STARTED",
  "BACKUP_JOB_COMPLETED",
  "COPY_JOB_STARTED",
  "COPY_JOB_SUCCESSFUL",
  "COPY_JOB_FAILED",
  "RESTORE_JOB_STARTED",
  "RESTORE_JOB_COMPLETED",
  "RECOVERY_POINT_MODIFIED",
  "S3_BACKUP_OBJECT_FAILED",
  "S3_RESTORE_OBJECT_FAILED",
] as const;
export type VaultEvent = (typeof VAULT_EVENTS)[number];

/** Completed backup and restore jobs (their state says success or failure), failed copies, changed recovery points. */
export const DEFAULT_VAULT_EVENTS: readonly VaultEvent[] = ["BACKUP_JOB_COMPLETED", "COPY_JOB_FAILED", "RESTORE_JOB_COMPLETED", "RECOVERY_POINT_MODIFIED"];

export interface VaultNotificationOptions {
  /** The events to publish. @default DEFAULT_VAULT_EVENTS */
  readonly events?: readonly VaultEvent[];
  /**
   * An existing topic to publish to; its policy must let backup.amazonaws.com publish and, when encrypted, its key
   * must let backup.amazonaws.com use it. @default a new topic, encrypted with the vault's key
   */
  readonly topicArn?: string;
}

export interface VaultNotificationsProps extends VaultNotificationOptions {
  /** The vault's name (a token of the vault resource, so the notifications depend on it). */
  readonly vaultName: string;
  /** The name of a created topic. */
  readonly topicName: string;
  /** The account the vault lives in: only AWS Backup acting for it may publish. */
  readonly accountId: string;
  /** The key that encrypts a created topic. */
  readonly topicKeyArn?: string;
  readonly tags?: Tags;
  readonly provider?: TerraformProvider;
}

/** Publishes vault events to SNS. */
export class VaultNotifications extends Construct {
  public readonly topicArn: string;
  public readonly events: readonly VaultEvent[];

  constructor(scope: Construct, id: string, props: VaultNotificationsProps) {
    super(scope, id);
    const events = props.events ?? DEFAULT_VAULT_EVENTS;
    const v = new Validator(this.node.path);
    v.check(events.length > 0, "notifications.events", events, libraryNeeds("at least one event"));
    events.forEach((e, i) =>
      v.check(
        (VAULT_EVENTS as readonly string[]).includes(e),
        `notifications.events[${i}]`,
        e,
        awsIgnores(`event names other than ${VAULT_EVENTS.join(", ")}: the others are deprecated and never fire`),
      ),
    );
    v.check(new Set(events).size === events.length, "notifications.events", events, libraryRejects("an event listed twice"));
    v.matches("notifications.topicArn", props.topicArn, SNS_TOPIC_ARN_PATTERN, awsRejects("anything but an SNS topic ARN here"));
    v.throwIfAny();
    this.events = events;

    if (props.topicArn) {
      this.topicArn = props.topicArn;
    } else {
      const topic = new SnsTopic(this, "Topic", {
        name: props.topicName,
        kmsMasterKeyId: props.topicKeyArn,
        tags: props.tags,
        provider: props.provider,
      });
      new SnsTopicPolicy(this, "TopicPolicy", {
        arn: topic.arn,
        policy: renderPolicy({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "BackupPublishesVaultEvents",
              Effect: "Allow",
              Principal: { Service: "backup.amazonaws.com" },
              Action: "SNS:Publish",
              Resource: topic.arn,
              Condition: { StringEquals: { "aws:SourceAccount": props.accountId } },
            },
          ],
        }),
        provider: props.provider,
      });
      this.topicArn = topic.arn;
    }
    new BackupVaultNotifications(this, "Resource", {
      backupVaultName: props.vaultName,
      snsTopicArn: this.topicArn,
      backupVaultEvents: [...events],
      provider: props.provider,
    });
  }
}
