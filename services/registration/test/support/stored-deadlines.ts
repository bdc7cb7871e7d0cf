import { createLogger } from '@digicraft/logging';
import { closeStore, connectStore } from '@digicraft/store';
import { registrationCollections } from '../../src/store/models';
import type { Stack } from './stack';

/**
 * Offer and team deadlines are whole hours in the API (at least one), too long to wait for in a
 * test: this moves one that the service set into the past, in its own store, so the service's
 * periodic sweep (run every few hundred ms in these tests) meets it as a lapsed deadline.
 */
export async function lapseDeadline(stack: Stack, registrationId: string, which: 'offer' | 'team'): Promise<void> {
  const conn = await connectStore({ url: stack.mongoUrl, dbName: stack.registrationDb, logger: createLogger({ service: 'test', level: 'silent' }) });
  try {
    const past = new Date(Date.now() - 1_000);
    const set = which === 'offer' ? { offerExpiresAt: past } : { 'team.completeBy': past };
    const res = await registrationCollections(conn).registrations.updateOne({ _id: registrationId }, { $set: set });
    if (res.modifiedCount !== 1) throw new Error(`no ${which} deadline moved for ${registrationId}`);
  } finally {
    await closeStore(conn);
  }
}

/**
 * A competition only ends after its end date, hours or days after it was created: this moves its
 * whole calendar (window, start, end) into the past in the service's store, as if it had run.
 */
export async function endCompetition(stack: Stack, competitionId: string): Promise<void> {
  const conn = await connectStore({ url: stack.mongoUrl, dbName: stack.registrationDb, logger: createLogger({ service: 'test', level: 'silent' }) });
  try {
    const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000);
    const calendar = { registrationOpensAt: ago(5), registrationClosesAt: ago(4), startsAt: ago(3), endsAt: ago(1) };
    const res = await registrationCollections(conn).competitions.updateOne({ _id: competitionId }, { $set: calendar, $unset: { withdrawalDeadline: '' } });
    if (res.modifiedCount !== 1) throw new Error(`no calendar moved for ${competitionId}`);
  } finally {
    await closeStore(conn);
  }
}
