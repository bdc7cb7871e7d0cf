import { registrationEventsV1 } from '@digicraft/contracts';

export const TrackMode = Object.freeze({
  INDIVIDUAL: registrationEventsV1.TrackMode.TRACK_MODE_INDIVIDUAL,
  TEAM: registrationEventsV1.TrackMode.TRACK_MODE_TEAM,
});
