import { describe, expect, it } from 'vitest';
import { answerFormFor } from '../../../utils/extract';

describe('answerFormFor', () => {
  it.each([
    ['Musk devient-il trop puissant pour être régulé par les États ?', 'fr'],
    ['Croyez-vous vraiment que l’espace soit la solution ?', 'fr'],
    ['Is congestion a price worth paying for a quieter downtown?', 'en'],
    ['Hast du auch einen spielfreudigen Mieze Zuhause?', 'de'],
    ['¿Trabajarías cuatro días a la semana?', 'es'],
    ['Você frequenta a biblioteca pública da sua cidade?', 'pt-BR'],
    ['Is it worth it or not?', 'en'],
  ])('closed question → No…Yes: %s', (text, lang) => {
    expect(answerFormFor(text, lang)).toEqual({ type: 'yes-no' });
  });

  it.each([
    ['What do you think?', 'en'],
    ['Pourquoi ce revirement ?', 'fr'],
    ['Welches Spielzeug bevorzugt deine Katze?', 'de'],
    ['E voi, cosa ne pensate?', 'it'],
    ['¿Qué opinas?', 'es'],
    ['Hardware is the END GAME', 'en'],
  ])('open question or statement → Disagree…Agree: %s', (text, lang) => {
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

  it('reads short A-or-B questions', () => {
    expect(answerFormFor('Tea or coffee?', 'en')).toEqual({ type: 'alternatives', poles: ['Tea', 'coffee'] });
    expect(answerFormFor('Would you rather see the land used for housing or for parks?', 'en')).toEqual({
      type: 'alternatives',
      poles: ['housing', 'parks'],
    });
    expect(answerFormFor('Preferite lavorare in ufficio o da casa?', 'it')).toEqual({
      type: 'alternatives',
      poles: ['in ufficio', 'da casa'],
    });
  });
});
