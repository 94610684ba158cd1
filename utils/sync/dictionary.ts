// Fragments that recur in every packed article (the packed layout, URL parts, frequent French and
// English words): the preset deflate dictionary of formats 2 and 3, and what primes the context
// coder of format 4 before it codes a stream, so even a small sync area codes well.
// It is part of the wire format: changing one byte needs a new format version in format.ts.

const LAYOUT = '],0,0,0,0,[[],[["",0,[[0,1],[1,1],[2,1],[0,-1,1,0],[1,-1,2,0],[2,-1,3,0],[3,-1,4,0]';
const URLS =
  'https://www..com/.fr/.org/.html/article//2025/2026/opinion/idees/politique/economie/societe/tribune/news/world/' +
  'index.php?id=utm_source-le-la-les-des-et-de-du-pour-contre-faut-il-should-the-of-and-to-in-';
const ENGLISH =
  ' the of and to a in is that for it as was with be by on not he I this are or his from at which but have an they ' +
  'you were her she there been one all we their has would when if so no what can more will about up out them ' +
  'into than could other only its also should do does did because people think agree disagree government public ' +
  'policy country world state new years year time economy market companies company tax money price prices climate ' +
  'energy law rights vote election political social health school children work workers jobs growth risk ' +
  'question whether must really right wrong better worse too much many most some any every against ' +
  'Should Is it Do you Does Can Will Would Are we the government ban allow be allowed? ? I am not sure that ' +
  'The author argues that this is what I think because it seems to me that ';
const FRENCH =
  ' de la le les et des en un une du est que à dans pour qui pas sur au par plus ne se ce il elle ils sont ' +
  'avec son sa ses mais comme ou on nous vous leur leurs été être avoir fait faire aussi très bien sans tout ' +
  'tous cette ces entre après avant depuis encore même peut doit faut donc alors quand parce aux où dont ' +
  'gouvernement public politique pays monde État économie marché entreprises entreprise impôt argent prix climat ' +
  'énergie loi droits vote élection sociale santé école enfants travail emploi croissance risque société ' +
  'question contre pour d’accord pas d’accord plutôt vraiment trop beaucoup ' +
  'Faut-il Est-ce que Peut-on Doit-on Le gouvernement doit-il interdire autoriser ? Je ne suis pas sûr que ' +
  "L'auteur affirme que c'est ce que je pense parce qu'il me semble que l’article ";
const JSON_TAIL = '","https://www.","","fr",0,[[["';

/** Later bytes are reached by shorter distances, so the most frequent fragments come last. */
export const DEFLATE_DICTIONARY: Uint8Array = new TextEncoder().encode(
  URLS + ENGLISH + FRENCH + LAYOUT + JSON_TAIL,
);
