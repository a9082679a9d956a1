import type { Awareness } from 'y-protocols/awareness';
import { useRoomPeople } from './use-room-people.ts';

/** "In the room": everyone connected to this document, with their delegation and its colour. */
export function PresencePanel({ awareness }: { awareness: Awareness }) {
  const people = useRoomPeople(awareness);
  return (
    <section className="panel presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading">In the room</h2>
      <ul aria-label="People in the room" className="people">
        {people.map((person) => (
          <li key={person.clientId} className="person">
            <span className="swatch" style={{ backgroundColor: person.color }} aria-hidden="true" />
            <span className="person-text">
              <span className="person-name">
                {person.name}
                {person.isSelf && <span className="muted"> (you)</span>}
              </span>
              <span className="person-delegation">{person.seat}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
