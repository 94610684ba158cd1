import { describe, expect, it } from 'vitest';
import { answerFormFor } from '../../../utils/extract';

// Sentences shaped like the corpus's prompts (written here, never copied from it).
describe('answerFormFor', () => {
  it.each([
    ['Musk devient-il trop puissant pour être régulé par les États ?', 'fr'],
    ['Croyez-vous vraiment que l’espace soit la solution ?', 'fr'],
    ['Est-ce que vous laisseriez votre enfant seul devant une tablette ?', 'fr'],
    ['Is congestion a price worth paying for a quieter downtown?', 'en'],
    ['Would you consider a four-day week if your pay stayed the same?', 'en'],
    ['Hast du auch einen spielfreudigen Mieze Zuhause?', 'de'],
    ['Haben Sie Ihre Haare schon einmal mit diesem oder einem ähnlichen Produkt behandelt?', 'de'],
    ['Würden Sie Ihr Auto für ein Jahr stehen lassen?', 'de'],
    ['¿Trabajarías cuatro días a la semana?', 'es'],
    ['¿Pensáis que el teletrabajo ha venido para quedarse?', 'es'],
    ['Vi è mai capitato di perdere un treno per uno sciopero?', 'it'],
    ['Lei rinuncerebbe all’auto in città?', 'it'],
    ['Você frequenta a biblioteca pública da sua cidade?', 'pt-BR'],
    ['Já pensou em mudar de carreira depois dos quarenta?', 'pt'],
    ['Is it worth it or not?', 'en'],
    ['Do you think the city should invest in buses or in trams before 2030?', 'en'],
  ])('closed question → No…Yes: %s', (text, lang) => {
    expect(answerFormFor(text, lang)).toEqual({ type: 'yes-no' });
  });

  it.each([
    ['What did I miss?', 'en'],
    ['How do you guard your online life?', 'en'],
    ['Why do so many of us still print our boarding passes?', 'en'],
    ['Which of these habits would you drop first?', 'en'],
    ['And you, what do you think?', 'en'],
    ['How do you guard your online life or your family’s?', 'en'],
    ['What do you make of buses or trams in the old town?', 'en'],
    ['Pourquoi ce revirement ?', 'fr'],
    ['Qu’en pensez-vous ?', 'fr'],
    ['Comment organisez-vous vos vacances avec des enfants en bas âge ?', 'fr'],
    ['Quel livre vous a le plus marqué cette année ?', 'fr'],
    ['Welches Spielzeug bevorzugt deine Katze?', 'de'],
    ['Wie hat Ihnen das gefallen?', 'de'],
    ['Was würden Sie an Ihrer Stelle tun?', 'de'],
    ['Warum fällt uns das Sparen so schwer?', 'de'],
    ['¿Qué opinas?', 'es'],
    ['¿Cómo os organizáis para la compra semanal?', 'es'],
    ['¿Por qué seguimos comprando ropa que no usamos?', 'es'],
    ['E voi, cosa ne pensate?', 'it'],
    ['Come vi preparate a un colloquio di lavoro?', 'it'],
    ['Perché ci ostiniamo a lavorare il sabato?', 'it'],
    ['O que você acha dessa proposta?', 'pt-BR'],
    ['Como você organiza as suas finanças no fim do mês?', 'pt'],
    ['Qual foi o melhor conselho que já recebeu?', 'pt'],
  ])('asks what, how, why, which → open, answered in words: %s', (text, lang) => {
    expect(answerFormFor(text, lang)).toEqual({ type: 'open' });
  });

  it.each([
    ['Hardware is the END GAME', 'en'],
    ['La sobriété numérique commence par nos propres usages.', 'fr'],
  ])('statement → Disagree…Agree: %s', (text, lang) => {
    expect(answerFormFor(text, lang)).toEqual({ type: 'agree-disagree' });
  });

  it('reads the two worlds of the seed question', () => {
    const form = answerFormFor(
      'Préféreriez-vous vivre dans un monde où l’IA est bridée par les réseaux électriques de nos États, ou dans un monde où Elon Musk possède la seule clé du supercalculateur tournant au-dessus de nos têtes ?',
      'fr',
    );
    expect(form).toEqual({
      type: 'alternatives',
      poles: [
        'l’IA est bridée par les réseaux électriques de nos États',
        'Elon Musk possède la seule clé du supercalculateur tournant au-dessus de nos têtes',
      ],
    });
  });

  it.each<[string, string, [string, string]]>([
    ['Tea or coffee?', 'en', ['Tea', 'coffee']],
    ['Would you rather see the land used for housing or for parks?', 'en', ['housing', 'parks']],
    ['Is remote work a blessing or a curse?', 'en', ['blessing', 'curse']],
    ['Which is better for a first trip, the train or the plane?', 'en', ['train', 'plane']],
    ['Préférez-vous le thé ou le café ?', 'fr', ['thé', 'café']],
    ['Lequel choisiriez-vous : le vélo ou la voiture ?', 'fr', ['le vélo', 'la voiture']],
    ['Würden Sie lieber in der Stadt oder auf dem Land wohnen?', 'de', ['in der Stadt', 'auf dem Land']],
    ['Fahren Sie lieber mit dem Rad oder mit dem Auto?', 'de', ['Rad', 'Auto']],
    ['¿Preferís la playa o la montaña?', 'es', ['playa', 'montaña']],
    ['Preferite lavorare in ufficio o da casa?', 'it', ['in ufficio', 'da casa']],
    ['Você prefere ler no papel ou na tela?', 'pt', ['no papel', 'na tela']],
  ])('two short alternatives → A…B: %s', (text, lang, poles) => {
    expect(answerFormFor(text, lang)).toEqual({ type: 'alternatives', poles });
  });

  it.each([
    // A pole cut from a longer phrase ends on an article: no choice to label.
    ['Haben Sie Ihre Haare schon einmal mit diesem oder einem ähnlichen Produkt behandelt?', 'de'],
    // A list of three is not two alternatives.
    ['Tea, coffee or water?', 'en'],
    // A pole of a whole clause cannot label a scale's end.
    ['Should the council spend the surplus on roads or give it back to every household in town?', 'en'],
    [
      'Would you rather live in a town where every street is closed to cars on Sundays and the squares are given back to markets, cafés and children playing, or in a town where nothing changes?',
      'en',
    ],
  ])('no clean pair of short poles → no A…B scale: %s', (text, lang) => {
    expect(answerFormFor(text, lang).type).not.toBe('alternatives');
  });
});
