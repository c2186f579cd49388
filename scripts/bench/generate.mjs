// Bench: a seeded synthetic evidence repository like fixtures/sample, a known mix of green, amber, red and invalid.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: small, fast and the same on every Node, so a seed always gives the same repository. */
export function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (p) => next() < p;
  return { next, int, pick, chance };
}

const DAY = 86_400_000;
const iso = (day) => new Date(day * DAY).toISOString().slice(0, 10);
const dayOf = (y, m, d) => Date.UTC(y, m, d) / DAY;

const PERIODS = ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'];
const PLACES = ['Oxford', 'Banbury', 'Bicester', 'Witney', 'Didcot', 'Abingdon', 'Nottingham', 'Mansfield', 'Hucknall', 'Beeston', 'Newark', 'Worksop', 'Retford', 'Arnold', 'Carlton', 'Thame'];
const KINDS = ['Recovery Service', 'Criminal Justice Service', 'Harm Reduction Team', 'Young People\'s Service', 'Families and Carers Support', 'Residential Rehabilitation', 'Alcohol Liaison Service', 'Recovery Community', 'Street Outreach', 'Women\'s Recovery Service'];
const SLUG_KINDS = ['recovery', 'cjs', 'harm-reduction', 'young-people', 'family-carers', 'rehab', 'alcohol-liaison', 'recovery-community', 'outreach', 'womens-recovery'];
const FIRST = ['Jo', 'Sam', 'Helen', 'Daniel', 'Priya', 'Marcus', 'Aisha', 'Tom', 'Grace', 'Owen', 'Lorraine', 'Bernadette', 'Kwame', 'Fatima', 'Rhys', 'Chloe'];
const LAST = ['Bloggs', 'Patel', 'Marsh', 'Okafor', 'Shah', 'Reid', 'Khan', 'Hughes', 'Adebayo', 'Kelly', 'Mensah', 'Ali', 'Evans', 'Turner', 'Walsh', 'Brennan'];
const ROLES = ['Involvement Coordinator', 'Involvement and Recovery Lead', 'Service Manager', 'Peer Support Lead', 'Family Involvement Worker', 'Team Leader'];
const ROOMS = ['hub', 'satellite', 'outreach base', 'clinic', 'drop-in', 'admin office'];
const ACTIVITIES = [
  ['Treatment options leaflets and charter in all waiting areas', 'New welcome pack issued at all hubs', 'Naloxone information page on the website'],
  ['Volunteers staff the Friday recovery cafe', 'Quarterly satisfaction survey (questions set by staff)', 'Experienced peers co-facilitate the SMART group'],
  ['Consultation on proposed new opening hours, decision fed back', 'Summer satisfaction survey, results fed back', 'Focus group on the new group programme'],
  ['Service user forum representative at the monthly operations meeting', 'Forum representative at the DAAT provider meeting', 'Carer rep on the partnership subgroup'],
  ['Two service users sat on the interview panel for the team leader post', 'Forum and managers agreed the evening clinic together', 'Service users co-wrote the new welcome pack with staff'],
  ['Mentors run the Thursday drop-in cafe', 'Peer mentors co-facilitate SMART Recovery groups'],
  ['Service users set up and run a recovery walking group', 'Forum members started a peer-led women\'s group'],
];
const SURVEY_TITLES = ['Quarterly service user satisfaction survey', 'Summer satisfaction survey', 'Carers\' satisfaction survey', 'Annual service user survey', 'Exit questionnaire'];
const CATEGORIES = ['travel', 'lunch', 'childcare', 'phone'];

// The shares of returns built to come out green, amber, red and invalid; the rest of the bench reports what they did come to.
const MIX = [['green', 0.45], ['amber', 0.2], ['red', 0.3], ['invalid', 0.05]];
const AMBER = ['survey-not-fed-back', 'pending-claim', 'missing-attachment'];
const RED = ['lead-tbc', 'charter-short', 'rung-missing', 'claim-late', 'no-satisfaction-survey', 'phone-in-text', 'charter-stale'];
const INVALID = ['impossible-date', 'date-after-submission', 'wrong-type', 'yaml-syntax', 'header-missing', 'tab-indent'];

function quarter(period) {
  const [year, q] = period.split('-Q').map(Number);
  return { first: dayOf(year, (q - 1) * 3, 1), last: dayOf(year, q * 3, 0) };
}

const ATTACHMENTS = 12;
function attachment(rng, folder, stem, ext) {
  return `${folder}/${stem}-${rng.int(0, ATTACHMENTS - 1)}.${ext}`;
}

function evidenceList(rng, folder, stem, ext, indent) {
  const n = rng.int(1, 2);
  if (rng.chance(0.5)) return ` [${Array.from({ length: n }, () => attachment(rng, folder, stem, ext)).join(', ')}]`;
  return Array.from({ length: n }, () => `\n${indent}  - ${attachment(rng, folder, stem, ext)}`).join('');
}

/** One return's YAML text and the status it was built to have. */
export function evidenceFile(rng, id, name, period) {
  let roll = rng.next();
  let intended = 'green';
  for (const [status, share] of MIX) {
    if (roll < share) {
      intended = status;
      break;
    }
    roll -= share;
  }
  const flaw = intended === 'amber' ? rng.pick(AMBER) : intended === 'red' ? rng.pick(RED) : intended === 'invalid' ? rng.pick(INVALID) : undefined;
  const { first, last } = quarter(period);
  const submitted = last + rng.int(3, 14);
  const inQuarter = () => rng.int(first, last);
  const lead = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
  const out = [];
  const push = (line) => out.push(line);

  push(`# ${name} - involvement evidence, ${period}`);
  if (rng.chance(0.5)) push(`# Prepared by the involvement team; queries to the service manager.`);
  if (flaw !== 'header-missing') push('format: involvement-evidence/1');
  push('provider:');
  push(`  id: ${id}`);
  push(`  name: ${name}`);
  if (rng.chance(0.7)) push(`  contract: ${rng.pick(['OXDAAT', 'NCDP'])}-${id.split('-')[1].toUpperCase()}-${rng.int(2021, 2025)}`);
  push(`period: ${period}`);
  push('submitted:');
  push(`  on: ${rng.chance(0.2) ? `'${iso(submitted)}'` : iso(submitted)}`);
  push(`  by: ${rng.pick(FIRST)} ${rng.pick(LAST)}, Service Manager`);
  push('');

  push('involvement_lead:');
  push(`  name: ${flaw === 'lead-tbc' ? rng.pick(['TBC', 'vacant', 'To be confirmed']) : lead}`);
  push(`  role: ${rng.pick(ROLES)}`);
  push(`  contact: ${rng.chance(0.8) ? `${lead.toLowerCase().replace(' ', '.')}@example.org` : `0115 496 0${rng.int(100, 999)}`}`);
  push(`  since: ${iso(first - rng.int(30, 1500))}`);
  push('');

  push('charter:');
  push(`  logged_with_commissioner: ${iso(first - rng.int(60, 900))}`);
  push(`  explained_at_care_planning: ${rng.chance(0.9)}`);
  push('  sites:');
  const sites = rng.int(1, 5);
  const short = flaw === 'charter-short' ? rng.int(0, sites - 1) : -1;
  const stale = flaw === 'charter-stale' ? rng.int(0, sites - 1) : -1;
  for (let s = 0; s < sites; s++) {
    const place = rng.pick(PLACES);
    const staffOnly = s > 0 && rng.chance(0.1);
    const rooms = staffOnly ? 0 : rng.int(1, 12);
    push(`    - site: ${place} ${rng.pick(ROOMS)}${rng.chance(0.2) ? ` (${rng.pick(['Tuesdays and Thursdays', 'Cowley Road', 'Hockley', 'town centre'])})` : ''}`);
    push(`      rooms_used_by_service_users: ${rooms}`);
    push(`      rooms_displaying_charter: ${s === short ? Math.max(0, rooms - 1) : rooms}`);
    if (!staffOnly) push(`      checked_on: ${iso(s === stale ? first - rng.int(120, 300) : inQuarter())}`);
    if (rng.chance(0.6)) push(`      evidence:${evidenceList(rng, 'photos', 'charter', 'jpg', '      ')}`);
  }
  // The short site may have used no rooms (staff only); a site one room short makes the flaw certain.
  if (short >= 0) {
    push(`    - site: ${rng.pick(PLACES)} annex`);
    push('      rooms_used_by_service_users: 4');
    push('      rooms_displaying_charter: 3');
    push(`      checked_on: ${iso(inQuarter())}`);
  }
  push('');

  const surveys = flaw === 'no-satisfaction-survey' ? 0 : rng.int(1, 3);
  if (surveys > 0 || rng.chance(0.5)) {
    push('surveys:');
    if (surveys === 0) {
      const to = inQuarter();
      push(`  - title: Focus group on opening hours`);
      push('    kind: focus-group');
      push(`    from: ${iso(to - 1)}`);
      push(`    to: ${iso(to)}`);
      push(`    respondents: ${rng.int(3, 12)}`);
    }
    for (let s = 0; s < surveys; s++) {
      const to = s === 0 && flaw === 'survey-not-fed-back' ? Math.min(last, submitted - 40) : Math.min(last, submitted - 1, inQuarter());
      const isDate = flaw === 'impossible-date' && s === 0;
      push(`  - title: ${rng.pick(SURVEY_TITLES)}`);
      push(`    kind: ${s === 0 ? 'satisfaction' : rng.pick(['satisfaction', 'consultation', 'family', 'focus-group'])}`);
      push(`    from: ${iso(to - rng.int(7, 40))}`);
      push(`    to: ${isDate ? `${period.slice(0, 4)}-0${rng.pick(['2-30', '4-31', '6-31', '9-31'])}` : iso(to)}`);
      push(`    respondents: ${flaw === 'wrong-type' && s === 0 ? 'lots' : rng.int(4, 140)}`);
      push(`    includes_families: ${rng.chance(0.3)}`);
      push(`    results_fed_back: ${s === 0 && flaw === 'survey-not-fed-back' ? 'false' : 'true'}${rng.chance(0.2) ? '   # posters up, also read out at the forum' : ''}`);
      if (rng.chance(0.7)) push(`    evidence:${evidenceList(rng, 'reports', 'survey', 'pdf', '    ')}`);
    }
    push('');
  }

  push('volunteer_expenses:');
  push('  policy:');
  const covers = ['travel', ...CATEGORIES.slice(1).filter(() => rng.chance(0.5))];
  push(`    covers: [${covers.join(', ')}]`);
  push(`    evidence:${evidenceList(rng, 'policies', 'expenses', 'pdf', '    ')}`);
  const claims = rng.int(0, 8);
  if (claims > 0 || flaw === 'pending-claim' || flaw === 'claim-late') {
    push('  claims:');
    const n = Math.max(claims, 1);
    for (let c = 0; c < n; c++) {
      const date = c === 0 && flaw === 'pending-claim' ? submitted - rng.int(2, 20) : c === 0 && flaw === 'claim-late' ? first + rng.int(0, 30) : inQuarter();
      const amount = (rng.int(150, 4000) / 100).toFixed(2);
      const paidOn = c === 0 && flaw === 'claim-late' ? date + rng.int(31, 50) : Math.min(date + rng.int(1, 25), submitted);
      push(`    - volunteer: V-${String(rng.int(1, 999)).padStart(3, '0')}`);
      push(`      activity: ${rng.pick(ACTIVITIES[rng.int(0, 4)])}`);
      push(`      date: ${iso(date)}`);
      push(`      categories: [${covers.filter(() => rng.chance(0.6)).concat('travel').filter((v, i, a) => a.indexOf(v) === i).join(', ')}]`);
      push(`      claimed: ${amount}`);
      if (c === 0 && flaw === 'pending-claim') {
        push('      reimbursed: 0');
      } else {
        push(`      reimbursed: ${amount}`);
        push(`      paid_on: ${iso(paidOn)}`);
      }
    }
  }
  push('');

  push('ladder:');
  const missing = flaw === 'rung-missing' ? rng.int(1, 5) : 0;
  const rungs = [1, 2, 3, 4, 5].filter((r) => r !== missing);
  for (let r = 6; r <= 7; r++) if (rng.chance(0.4)) rungs.push(r);
  for (let extra = rng.int(0, 3); extra > 0; extra--) rungs.push(rng.pick(rungs));
  for (const [i, rung] of rungs.entries()) {
    const late = flaw === 'date-after-submission' && i === rungs.length - 1;
    push(`  - rung: ${rung}`);
    push(`    activity: ${rng.pick(ACTIVITIES[rung - 1])}${flaw === 'phone-in-text' && i === 0 ? `, call 07700 900${rng.int(100, 999)} to join` : ''}`);
    push(`    date: ${iso(late ? submitted + rng.int(1, 20) : Math.min(submitted - 1, first - rng.int(-80, 250)))}`);
    if (rng.chance(0.3)) push(`    evidence:${evidenceList(rng, 'minutes', 'forum', 'txt', '    ')}`);
  }
  if (flaw === 'tab-indent') push('\t- rung: 2');
  if (flaw === 'yaml-syntax') push('  - rung: [3');

  // The Oxfordshire and Nottingham sections, in about half the returns.
  if (rng.chance(0.5)) {
    push('');
    push('complaints:');
    push(`  procedure_in_writing_at_start: ${rng.chance(0.9)}`);
    push('  lead:');
    push(`    name: ${rng.pick(FIRST)} ${rng.pick(LAST)}`);
    push('    role: Service Manager');
    push(`    contact: complaints@example.org`);
    const received = rng.int(0, 6);
    push(`  received: ${received}`);
    push(`  resolved: ${rng.int(0, received)}`);
    push('advocacy:');
    push(`  services_promoted: [${['Oxfordshire User Team', 'The Alliance', 'POhWER', 'Mind advocacy'].filter(() => rng.chance(0.5)).join(', ')}]`);
    push('  how: Named in the welcome pack and on the reception noticeboards');
    push('peer_mentors:');
    push(`  active: ${rng.int(0, 12)}`);
    for (const key of ['induction', 'training', 'dbs_checked', 'supervision', 'expenses_paid']) push(`  ${key}: ${rng.chance(0.9)}`);
    push('family_involvement:');
    push('  activities:');
    for (let a = rng.int(1, 3); a > 0; a--) {
      push(`    - activity: Families' views on the ${rng.pick(['recovery cafe', 'group programme', 'opening hours'])}`);
      push(`      stage: ${rng.pick(['planning', 'evaluation'])}`);
      push(`      date: ${iso(inQuarter())}`);
      push(`      participants: ${rng.int(2, 15)}`);
    }
    push('care_planning:');
    push('  devised_with_service_users: true');
    push(`  copies_offered: ${rng.chance(0.9)}`);
    const sampled = rng.int(5, 30);
    push(`  audit: {date: ${iso(inQuarter())}, plans_sampled: ${sampled}, plans_signed_by_service_user: ${rng.int(sampled - 3, sampled)}}`);
    push('feedback:');
    push('  routes:');
    for (let r = rng.int(1, 3); r > 0; r--) {
      push(`    - route: ${rng.pick(['Feedback box at each hub reception', 'Anonymous online form on the service website', 'Monthly forum', 'Text line'])}`);
      push(`      confidential: ${rng.chance(0.8)}`);
      push(`      open_to_families: ${rng.chance(0.6)}`);
    }
  }
  if (rng.chance(0.3)) {
    push('involvement_levels:');
    for (const level of ['individual', 'service', 'strategic', 'policy'].filter(() => rng.chance(0.8))) {
      push(`  - level: ${level}`);
      push(`    activity: ${rng.pick(ACTIVITIES[rng.int(0, 4)])}`);
      push(`    date: ${iso(Math.min(submitted - 1, inQuarter()))}`);
    }
  }
  let text = `${out.join('\n')}\n`;
  if (flaw === 'missing-attachment') text = text.replace(/(photos|reports|policies)\/(charter|survey|expenses)-\d+\.(jpg|pdf)/, '$1/$2-not-uploaded.$3');
  return { text, intended, flaw };
}

/** Writes `files` returns under `dir` (which it empties first); same seed, same bytes. */
export function generateRepository(dir, files, seed = 1) {
  rmSync(dir, { recursive: true, force: true });
  const rng = random(seed);
  // Several quarters of the same providers, as a commissioner's repository grows.
  const periods = files >= 600 ? PERIODS : PERIODS.slice(-1);
  for (const period of periods) {
    const folder = join(dir, period);
    for (const [sub, stem, ext] of [['photos', 'charter', 'jpg'], ['reports', 'survey', 'pdf'], ['policies', 'expenses', 'pdf'], ['minutes', 'forum', 'txt']]) {
      mkdirSync(join(folder, sub), { recursive: true });
      for (let k = 0; k < ATTACHMENTS; k++) writeFileSync(join(folder, sub, `${stem}-${k}.${ext}`), `stand-in for ${sub}/${stem}-${k}.${ext}\n`);
    }
  }
  const intended = { green: 0, amber: 0, red: 0, invalid: 0 };
  let bytes = 0;
  for (let i = 0; i < files; i++) {
    const period = periods[i % periods.length];
    const p = Math.floor(i / periods.length);
    const place = PLACES[p % PLACES.length];
    const k = Math.floor(p / PLACES.length) % KINDS.length;
    const id = `${place.toLowerCase()}-${SLUG_KINDS[k]}-${String(p).padStart(5, '0')}`;
    const { text, intended: status } = evidenceFile(rng, id, `${place} ${KINDS[k]} ${p}`, period);
    intended[status]++;
    bytes += Buffer.byteLength(text);
    writeFileSync(join(dir, period, `${id}.yaml`), text);
  }
  return { dir, files, intended, bytes };
}
