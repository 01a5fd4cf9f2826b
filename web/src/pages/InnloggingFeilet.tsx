import { Button } from '@skatteetaten/ds-buttons';
import { Alert } from '@skatteetaten/ds-status';
import { Heading, Paragraph } from '@skatteetaten/ds-typography';
import { useSearchParams } from 'react-router';
import { loggInn } from '../api';

/** Mirrors InnloggingFeilet in src/portal/login-routes.ts. */
const forklaring: Record<string, string> = {
  avbrutt: 'Du avbrøt innloggingen.',
  utloept: 'Innloggingen tok for lang tid, eller ble startet i en annen nettleser. Start på nytt.',
  utilgjengelig: 'Innloggingstjenesten svarer ikke akkurat nå. Prøv igjen om litt.',
  feil: 'Innloggingen kunne ikke fullføres.',
};

export function InnloggingFeilet() {
  const [parametre] = useSearchParams();
  const grunn = parametre.get('grunn') ?? 'feil';
  return (
    <>
      <Heading as="h1" level={1} hasSpacing>
        Du ble ikke logget inn
      </Heading>
      <Alert variant="warning" showAlert>
        {forklaring[grunn] ?? forklaring.feil}
      </Alert>
      <Paragraph hasSpacing>Du kan starte innloggingen på nytt.</Paragraph>
      <Button onClick={() => loggInn()}>Prøv igjen</Button>
    </>
  );
}
