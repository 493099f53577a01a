// mrz_check.mjs: an independent check of cccd's MRZ with the `mrz` package from npm, which
// shares no code with cccd. It exists so that a mistake made the same way in cccd's builder and
// parser (a check digit, a field position, the name) cannot pass unnoticed.
//
// usage: node tests/interop/mrz_check.mjs MRZ_FILE OURS_JSON
//   MRZ_FILE   EF.DG1 as `cccd card files` writes it (the 90 characters after 5F1F), or the
//              three lines of `cccd mrz build`
//   OURS_JSON  `cccd mrz check --json` of the same MRZ: cccd's own reading
// Prints npm's reading ("npm FIELD VALUE", one a line) and exits 0 when the npm parser finds
// every field and check digit valid and agrees with cccd on each field; otherwise prints
// "DISAGREE ..." lines and exits 1.
//
// One known difference is handled openly: for a card without expiry cccd writes the expiry
// check digit as '<' (docs/mrz.md) while mrz@5 requires '0'. When (and only when) cccd reads
// the card as having no expiry and the digit is '<', the script says so and checks the MRZ
// with '0' in its place (cccd accepts both; the composite is the same since '<' counts 0).
import { readFileSync } from 'node:fs';
import { parse } from 'mrz';

const [mrzPath, oursPath] = process.argv.slice(2);
if (!mrzPath || !oursPath) {
  console.error('usage: node mrz_check.mjs MRZ_FILE OURS_JSON');
  process.exit(2);
}

function readMrz(path) {
  const bytes = readFileSync(path);
  if (bytes[0] === 0x61) {
    // EF.DG1: find 5F 1F, then a one-byte length of 90
    for (let i = 0; i + 3 <= bytes.length; i++) {
      if (bytes[i] === 0x5f && bytes[i + 1] === 0x1f && bytes[i + 2] === 90) {
        const s = bytes.subarray(i + 3, i + 3 + 90).toString('latin1');
        return [s.slice(0, 30), s.slice(30, 60), s.slice(60, 90)];
      }
    }
    throw new Error(`${path}: no 5F1F with 90 characters`);
  }
  return bytes.toString('latin1').split(/\r?\n/).filter((l) => l.length > 0);
}

const ours = JSON.parse(readFileSync(oursPath, 'utf8'));
let lines = readMrz(mrzPath);
const problems = [];

if (ours.no_expiry === true && lines[1][14] === '<') {
  console.log("note expiry check digit: cccd writes '<' for no expiry, mrz@5 wants '0': checked with '0'");
  lines = [lines[0], lines[1].slice(0, 14) + '0' + lines[1].slice(15), lines[2]];
}

const result = parse(lines);
const f = result.fields;
for (const [k, v] of Object.entries(f)) console.log(`npm ${k} ${v ?? ''}`);
console.log(`npm valid ${result.valid}`);
for (const d of result.details) {
  if (!d.valid) problems.push(`npm finds ${d.field} invalid: ${d.error}`);
}

// cccd's decoded values, written the way the MRZ writes them
function yymmdd(iso) {
  if (iso === null || iso === undefined) return '<<<<<<';
  const [y, m, d] = iso.split('-');
  return y.slice(2) + (m ?? '<<') + (d ?? '<<');
}
const sexes = { M: 'male', F: 'female' };
const expect = {
  documentCode: ours.document_code,
  issuingState: ours.issuing_state,
  documentNumber: ours.document_number,
  optional1: ours.optional_data_1.replace(/</g, ' ').trimEnd(),
  birthDate: yymmdd(ours.date_of_birth),
  sex: sexes[ours.sex] ?? 'nonspecified',
  expirationDate: ours.no_expiry ? '<<<<<<' : yymmdd(ours.expiry),
  nationality: ours.nationality,
  lastName: ours.surname,
  firstName: ours.given_names,
};
for (const [k, want] of Object.entries(expect)) {
  const got = (f[k] ?? '').toString().trimEnd();
  if (got !== want) problems.push(`DISAGREE ${k}: npm '${got}', cccd '${want}'`);
}
// the check digits: npm's values against cccd's verdicts
const digits = {
  documentNumberCheckDigit: ours.checks.document_number,
  birthDateCheckDigit: ours.checks.date_of_birth,
  expirationDateCheckDigit: ours.checks.expiry,
  compositeCheckDigit: ours.checks.composite,
};
for (const [k, c] of Object.entries(digits)) {
  if (!c.ok) problems.push(`cccd finds ${k} wrong`);
  const found = c.found === '<' && k === 'expirationDateCheckDigit' ? '0' : c.found;
  if (f[k] !== found) problems.push(`DISAGREE ${k}: npm '${f[k]}', cccd '${c.found}'`);
}
if (!ours.valid) problems.push('cccd finds the MRZ invalid');
if (!result.valid) problems.push('npm finds the MRZ invalid');

for (const p of problems) console.log(p);
console.log(problems.length === 0 ? 'agree' : `${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);
