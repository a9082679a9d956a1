import { DELEGATIONS, delegationById } from '@travaux/shared';
import { type FormEvent, useId, useState } from 'react';
import { type Identity, MAX_NAME_LENGTH, validateJoin } from './identity.ts';

interface JoinFormProps {
  /** The current identity when changing it, to prefill the fields. */
  readonly initial: Identity | null;
  readonly onJoin: (identity: Identity) => void;
}

/** "Join the drafting room": a name and a delegation picked from every UN member state, observer and the EU. */
export function JoinForm({ initial, onJoin }: JoinFormProps) {
  const ids = useId();
  const [name, setName] = useState(initial?.name ?? '');
  const [delegation, setDelegation] = useState(
    initial ? (delegationById(initial.delegationId)?.name ?? '') : '',
  );
  const [error, setError] = useState<{ field: 'name' | 'delegation'; message: string } | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateJoin(name, delegation);
    if (result.ok) onJoin(result.identity);
    else setError({ field: result.field, message: result.message });
  };

  const nameError = error?.field === 'name' ? error.message : null;
  const delegationError = error?.field === 'delegation' ? error.message : null;

  return (
    <main className="join" id="main">
      <form className="join-card" onSubmit={submit} noValidate>
        <p className="brand">Travaux</p>
        <h1>Join the drafting room</h1>
        <p className="muted">
          Your name and delegation are shown to everyone in the room next to your cursor.
        </p>

        <label htmlFor={`${ids}-name`}>Your name</label>
        <input
          id={`${ids}-name`}
          name="name"
          autoComplete="name"
          maxLength={MAX_NAME_LENGTH}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? `${ids}-name-error` : undefined}
          required
        />
        {nameError && (
          <p className="field-error" id={`${ids}-name-error`}>
            {nameError}
          </p>
        )}

        <label htmlFor={`${ids}-delegation`}>Delegation</label>
        <input
          id={`${ids}-delegation`}
          name="delegation"
          list={`${ids}-delegations`}
          autoComplete="off"
          placeholder="Start typing, e.g. Kenya or EU"
          value={delegation}
          onChange={(e) => setDelegation(e.target.value)}
          aria-invalid={delegationError ? true : undefined}
          aria-describedby={delegationError ? `${ids}-delegation-error` : undefined}
          required
        />
        <datalist id={`${ids}-delegations`}>
          {DELEGATIONS.map((d) => (
            <option key={d.id} value={d.name}>
              {d.id}
            </option>
          ))}
        </datalist>
        {delegationError && (
          <p className="field-error" id={`${ids}-delegation-error`}>
            {delegationError}
          </p>
        )}

        <button type="submit" className="primary">
          Enter
        </button>
      </form>
    </main>
  );
}
