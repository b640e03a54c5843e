import type { Faker } from '@faker-js/faker';

const SHOTS = [
  'Wide establishing shot',
  'Slow dolly-in',
  'Handheld close-up',
  'Aerial drone shot',
  'Tracking shot',
  'Static tripod shot',
  'Low-angle shot',
  'Time-lapse',
  'Macro shot',
  'Slow-motion shot',
];
const ACTIONS = [
  'walking slowly through',
  'racing across',
  'dancing in',
  'resting beside',
  'exploring',
  'emerging from',
  'gliding over',
  'waiting patiently in',
];
const STYLES = [
  'Cinematic, shallow depth of field.',
  'Shot on 35mm film with warm grain.',
  'Soft natural light, pastel palette.',
  'Anime style, vibrant colors.',
  'Hyperrealistic, 4K detail.',
  'Documentary style, muted tones.',
  'Moody teal-and-orange grade.',
  'Stop-motion claymation look.',
];
const ROLES = ['street musician', 'chef', 'skateboarder', 'astronaut', 'ballet dancer', 'fisherman', 'beekeeper'];
const CITIES = ['Tokyo', 'Lisbon', 'Marrakesh', 'Reykjavik', 'New York', 'Hanoi', 'Mexico City', 'Venice', 'Seoul'];
const SOUNDS = [
  '',
  ' Ambient sound of rain.',
  ' Distant traffic and birdsong.',
  ' Gentle piano score.',
  ' Waves crashing softly.',
];

/** A prompt that reads like what people send to Sora or Veo, built from the seeded faker. */
export function videoPrompt(faker: Faker): string {
  const pick = <T>(items: readonly T[]) => faker.helpers.arrayElement(items);
  const city = pick(CITIES);
  const subject = faker.helpers.arrayElement([
    () => `a ${faker.animal.type()}`,
    () => `a ${faker.color.human()} ${faker.vehicle.type().toLowerCase()}`,
    () => `an elderly ${faker.person.sex() === 'female' ? 'woman' : 'man'} with an umbrella`,
    () => `a ${pick(ROLES)} named ${faker.person.firstName()}`,
    () => `a paper origami ${faker.animal.type()}`,
  ])();
  const setting = pick([
    `a rain-soaked street in ${city}`,
    'a misty pine forest at dawn',
    `the rooftops of ${city} at golden hour`,
    'a neon-lit night market',
    'a quiet beach at sunset',
    'a snowy mountain pass',
    `an abandoned ${faker.color.human()} greenhouse`,
  ]);
  return `${pick(SHOTS)} of ${subject} ${pick(ACTIONS)} ${setting}. ${pick(STYLES)}${pick(SOUNDS)}`;
}
