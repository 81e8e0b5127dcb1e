import { Cron } from 'croner';
import type { FunctionConfig } from './functions/function-config';
import type { FunctionRuntime, InvocationResult } from './functions/runtime';

/**
 * Fires timer triggers from each function's config.json the way CloudBase does:
 * 7-field cron (second … year), Asia/Shanghai, day-of-month OR day-of-week.
 */
export class TimerScheduler {
  private jobs: Cron[] = [];

  constructor(
    private readonly runtime: FunctionRuntime,
    private readonly functions: FunctionConfig[],
  ) {}

  static parse(pattern: string, onTick?: () => void): Cron {
    const options = { timezone: 'Asia/Shanghai', mode: '7-part' as const, domAndDow: false, paused: !onTick };
    return onTick ? new Cron(pattern, options, onTick) : new Cron(pattern, options);
  }

  start(): void {
    for (const fn of this.functions) {
      for (const trigger of fn.triggers) {
        this.jobs.push(TimerScheduler.parse(trigger.config, () => void this.fire(fn.name, trigger.name)));
      }
    }
  }

  stop(): void {
    for (const job of this.jobs) job.stop();
    this.jobs = [];
  }

  /** Next fire times, for `npm start` to print. */
  schedule(): { fn: string; trigger: string; cron: string; next: Date | null }[] {
    return this.functions.flatMap((fn) =>
      fn.triggers.map((t) => ({ fn: fn.name, trigger: t.name, cron: t.config, next: TimerScheduler.parse(t.config).nextRun() })),
    );
  }

  /** Fires a function's timer now (CLI `emulator fire-timer <fn>` and tests). */
  async fire(functionName: string, triggerName?: string): Promise<InvocationResult> {
    const fn = this.functions.find((f) => f.name === functionName);
    if (!fn) return { ok: false, errorMessage: `function ${functionName} not found`, requestId: '', durationMs: 0 };
    const name = triggerName ?? fn.triggers[0]?.name ?? 'manual';
    const event = { Type: 'Timer', TriggerName: name, Time: new Date().toISOString(), Message: '' };
    return this.runtime.invoke(functionName, event, { source: 'wx_trigger' });
  }
}
