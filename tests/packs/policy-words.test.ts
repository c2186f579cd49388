import { describe, expect, it } from 'vitest';
import { normaliseWords, passagesOf, quoteIsIn } from '../../src/packs/policy-words.ts';

// Words as the two policy texts have them: Oxfordshire's extraction lost its apostrophes.
const OXFORDSHIRE = 'The importance of the role that families can play in the individual s treatment journey also needs to be recognized. 3.1 Service Users Rights and Responsibilities Services are required to display a Service Users Charter in all rooms in premises accessed by service users.';
const NOTTINGHAM = 'For other areas of commissioning, including criminal justice substance misuse treatment, young people’s services, family support and domestic & sexual violence, there is an expectation that involvement and consultation to be undertaken by providers at a service level.';

describe('normaliseWords', () => {
  it('folds whitespace, typographic double quotes and every kind of apostrophe', () => {
    expect(normaliseWords('  “Regular”\n  surveys ')).toBe('"Regular" surveys');
    expect(normaliseWords('people’s')).toBe(normaliseWords("people's"));
    expect(normaliseWords("Users' Charter")).toBe('Users Charter');
  });
});

describe('passagesOf', () => {
  it('splits at an ellipsis, either way it is written, and drops a closing full stop', () => {
    expect(passagesOf('The Charter … should be explained.')).toEqual(['The Charter', 'should be explained']);
    expect(passagesOf('Service providers are also required to: ... Conduct regular surveys')).toEqual(['Service providers are also required to:', 'Conduct regular surveys']);
  });
});

describe('quoteIsIn', () => {
  it.each([
    ['the words exactly', 'Services are required to display a Service Users Charter in all rooms in premises accessed by service users.'],
    ['without the closing full stop', 'Services are required to display a Service Users Charter in all rooms in premises accessed by service users'],
    ['with the first letter in the other case', 'services are required to display a Service Users Charter'],
    ['with the apostrophe the text lost', "the individual's treatment journey"],
    ['with a typographic apostrophe', 'the individual’s treatment journey'],
    ['with other line breaks and spaces', 'Services are required\n  to display a   Service Users Charter'],
    ['two passages of it joined by an ellipsis, in order', 'Services are required to display … in all rooms in premises accessed by service users.'],
    ['passages joined by three full stops', 'The importance of the role ... needs to be recognized.'],
  ])('finds a quote of %s', (_, quote) => {
    expect(quoteIsIn(quote, OXFORDSHIRE)).toBe(true);
  });

  it("finds Nottingham's typographic apostrophe quoted as a plain one", () => {
    expect(quoteIsIn("including criminal justice substance misuse treatment, young people's services, family support and domestic & sexual violence", NOTTINGHAM)).toBe(true);
  });

  it.each([
    ['a gloss inside the quote', 'Services are required (a requirement) to display a Service Users Charter'],
    ['a word changed', 'Services are required to display the Service Users Charter in all rooms'],
    ['a letter changed in case inside the quote', 'Services are required to display a service users charter in all rooms'],
    ['a paraphrase', 'The charter is displayed in every room service users use.'],
    ['passages out of order', 'in all rooms in premises … Services are required to display'],
    ['a passage that starts inside a word', 'ervices are required to display'],
    ['a passage that ends inside a word', 'Services are required to disp'],
    ['a dash for a hyphen', 'young people’s services, family support and domestic – sexual violence'],
    ['nothing but an ellipsis', '…'],
  ])('does not find %s', (_, quote) => {
    expect(quoteIsIn(quote, `${OXFORDSHIRE} ${NOTTINGHAM}`)).toBe(false);
  });
});
