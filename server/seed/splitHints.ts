/**
 * Where the narrative starts in the February 2012 report's sections that have no `Status:` line:
 * measure number → the first words of the narrative, chosen by reading each section (the plan
 * text is the 2010 plan's "skal/vil" text; the narrative reports what was done since).
 */
export const SPLIT_HINTS: Readonly<Record<number, string>> = {
  // "Norge vil …" is the plan; the report begins with what UD did in the UN in 2011.
  1: 'Innenfor FN har UD i 2011',
  8: 'Gjennom Norads rammeavtaler',
  9: 'EØS-finansieringsmekanismen åpner for',
  // The plan ends with the general remarks on living kidney donors; the report starts with the EU directive work.
  11: 'Norge har deltatt i arbeidet med EUs direktiv',
  14: 'KOM arrangerte høsten 2011',
  15: 'Regjeringen videreførte sin støtte til ROSA',
  17: 'Husbanken analyserte i 2011',
  // The report cites the regulation of 16.12.2011, after the plan was written.
  18: 'Etter 1 i forskrift 16.12.2011',
  20: 'Helse- og omsorgsdepartementet har sendt på høring',
  // The plan's own first sentence is in the perfect tense ("har Fafo høsten 2010 vurdert"); the
  // report restarts the story under the ministry's 2012 name.
  23: 'FAFO foretok høsten 2010',
  // A judgment call: the plan says the circular "skal oppdateres"; restating it as "BLD vil i løpet
  // av planperioden …" looks back on the plan period, which the plan itself would not do.
  24: 'BLD vil i løpet av planperioden',
  25: 'Alle omsorgssentrene har utarbeidet',
  // "arbeider med et forslag" was the state in 2010; the bill went to the Storting in 2011.
  26: 'Regjeringen har oversendt Stortinget',
  27: 'Regjeringen bidrar i det regionale samarbeidet',
  29: 'Oslo politidistrikt gjennomførte',
  33: 'Politidirektoratet fastsatte våren 2011',
};
