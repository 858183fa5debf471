import { Token } from "./cdktf";
import { Validator } from "./errors";
import { libraryNeeds } from "./rules/authority";

/** The units a time window is given in. */
export type DurationUnit = "MINUTES" | "HOURS" | "DAYS";

const MINUTES_PER_UNIT: Record<DurationUnit, number> = { MINUTES: 1, HOURS: 60, DAYS: 1440 };
const FACTORY: Record<DurationUnit, string> = { MINUTES: "Duration.minutes", HOURS: "Duration.hours", DAYS: "Duration.days" };

/**
 * A length of time for windows and grace periods: a backup job's start and completion windows, a restore test's
 * windows, a vault lock's grace period. Each AWS field counts in one unit (minutes, hours or days); a construct takes
 * any duration that is a whole number of its unit (`Duration.hours(8)` for a field in minutes is 480) and refuses the
 * rest, so no value is rounded. An amount that is an unresolved token is not checked here: Terraform judges it.
 */
export class Duration {
  static minutes(amount: number): Duration {
    return new Duration(amount, "MINUTES");
  }
  static hours(amount: number): Duration {
    return new Duration(amount, "HOURS");
  }
  static days(amount: number): Duration {
    return new Duration(amount, "DAYS");
  }
  static of(amount: number, unit: DurationUnit): Duration {
    return new Duration(amount, unit);
  }

  private constructor(
    public readonly amount: number,
    public readonly unit: DurationUnit,
  ) {
    new Validator(unit in FACTORY ? FACTORY[unit] : "Duration.of")
      .check(Number.isInteger(amount) && amount >= 0, "amount", amount, libraryNeeds("a whole number of at least 0"))
      .check(unit in MINUTES_PER_UNIT, "unit", unit, libraryNeeds("one of MINUTES, HOURS, DAYS"))
      .throwIfAny();
  }

  /** True when the amount is an unresolved token: its value is known only to Terraform. */
  isUnresolved(): boolean {
    return Token.isUnresolved(this.amount);
  }

  /**
   * The duration as a whole number of `unit`; undefined when it is not one (90 minutes in hours), or when the amount is
   * a token given in another unit (its value is unknown until Terraform resolves it).
   */
  in(unit: DurationUnit): number | undefined {
    if (unit === this.unit) return this.amount;
    if (this.isUnresolved()) return undefined;
    const n = (this.amount * MINUTES_PER_UNIT[this.unit]) / MINUTES_PER_UNIT[unit];
    return Number.isInteger(n) ? n : undefined;
  }

  /** The duration in minutes (a token only when given in minutes). */
  toMinutes(): number | undefined {
    return this.in("MINUTES");
  }

  /** The duration in whole hours, when it is a whole number of hours. */
  toHours(): number | undefined {
    return this.in("HOURS");
  }

  /** The duration in whole days, when it is a whole number of days. */
  toDays(): number | undefined {
    return this.in("DAYS");
  }

  /** How to write this value in code, e.g. `Duration.hours(8)`. */
  toCode(): string {
    return `${FACTORY[this.unit]}(${this.isUnresolved() ? "<token>" : this.amount})`;
  }

  toString(): string {
    const n = this.isUnresolved() ? "<token>" : this.amount;
    const unit = this.unit.toLowerCase();
    return `${n} ${n === 1 ? unit.slice(0, -1) : unit}`;
  }

  /** Error messages show a duration as its text, e.g. "60 minutes". */
  toJSON(): string {
    return this.toString();
  }
}
