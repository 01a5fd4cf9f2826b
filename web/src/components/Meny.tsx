import { NavLink } from 'react-router';
import { useSandkasse } from '../miljoe';
import { seksjoner } from '../navigation';
import styles from './Meny.module.css';

/** The section menu, drawn from the navigation data (one entry per working section). */
export function Meny() {
  const sandkasse = useSandkasse();
  return (
    <nav className={styles.meny} aria-label="Min side">
      <ul className={styles.liste}>
        {seksjoner.filter((seksjon) => sandkasse || !seksjon.kunISandkasse).map((seksjon) => (
          <li key={seksjon.id}>
            <NavLink className={styles.lenke} to={seksjon.sti} end data-testid={`meny-${seksjon.id}`}>
              {seksjon.tittel}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
