// Name patterns the AWS Backup API enforces, shared by the constructs that take such names; stated once in the rules.
export {
  AUDIT_NAME_PATTERN,
  BACKUP_RULE_NAME_PATTERN as RULE_NAME_PATTERN,
  BACKUP_VAULT_NAME_PATTERN,
  RESTORE_TESTING_NAME_PATTERN,
} from "../../core/rules/names";
