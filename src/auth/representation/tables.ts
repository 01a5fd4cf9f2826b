/** Enhetsregisteret's roles a person holds in an organisation (ENK ownership is `part.eier_part_id`). */
export type PersonRolle = 'daglig_leder' | 'styreleder';

export interface ErPersonRolleTable {
  orgnr: string;
  fnr: string;
  rolle: PersonRolle;
}

export interface RepresentationTables {
  er_person_rolle: ErPersonRolleTable;
}
