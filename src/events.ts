/**
 * What happens in the service, as typed events. The steps that do the work emit them; logs,
 * metrics, progress and status subscribe, so a new counter or log line is one subscriber rather
 * than an edit in every step. Emitting never fails the step: a subscriber that throws is logged.
 */
import { EventEmitter } from 'node:events';

export interface ServiceEvents {
  /** A catch-up pass looked at the mailbox. */
  'sync.pass': {
    account: string;
    candidates: number;
    toRead: number;
    skipped: number;
    /** The first pass over a mailbox, or one after a gap with many new messages. */
    large: boolean;
  };
  /** The pass that `sync.pass` announced went through to the end (not cut short by a failure). */
  'sync.done': {
    account: string;
    candidates: number;
    read: number;
    skipped: number;
    tooLarge: number;
    /** Deleted from the mailbox before they could be read. */
    gone: number;
  };
  /** One candidate message was handled (read, skipped or refused). */
  'message.seen': { account: string; uid: number; outcome: 'read' | 'skipped' | 'unparseable' };
  'message.unparseable': { account: string; uid: number; reason: string };
  'invitation.classified': {
    account: string;
    key: string;
    inviterName: string | null;
    category: string | null;
    action: 'draft' | 'none';
    created: boolean;
  };
  'draft.written': {
    account: string;
    key: string;
    inviterName: string | null;
    /** When the invitation reached the mailbox, if known: for arrival-to-draft time. */
    arrivedAt: Date | null;
    at: Date;
  };
  'decision.recorded': {
    account: string;
    key: string;
    inviterName: string | null;
    decision: string;
    via: string;
  };
  /** A stranger answered our question (recorded once, whatever number of copies came). */
  'answer.recorded': { account: string; key: string; via: 'email' | 'linkedin'; pitch: boolean };
  'account.state': {
    account: string;
    state: AccountState;
    error: string | null;
    /** When blocked: what the person should do. */
    fix: string | null;
  };
}

export type AccountState = 'starting' | 'running' | 'retrying' | 'blocked' | 'stopping' | 'stopped';

type Listener<K extends keyof ServiceEvents> = (event: ServiceEvents[K]) => void;

export class Events {
  private readonly emitter = new EventEmitter();

  constructor(private readonly onListenerError: (err: unknown) => void = () => {}) {
    // One listener per subscriber and event, however many accounts: no leak warning needed.
    this.emitter.setMaxListeners(0);
  }

  on<K extends keyof ServiceEvents>(name: K, listener: Listener<K>): () => void {
    const safe = (event: ServiceEvents[K]) => {
      try {
        listener(event);
      } catch (err) {
        this.onListenerError(err);
      }
    };
    this.emitter.on(name, safe);
    return () => this.emitter.off(name, safe);
  }

  emit<K extends keyof ServiceEvents>(name: K, event: ServiceEvents[K]): void {
    this.emitter.emit(name, event);
  }
}
