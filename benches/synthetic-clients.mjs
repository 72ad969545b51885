// Writes N synthetic client profiles as a JSON array (for `crosswalk-cli client import`).
// Deterministic: the same N gives the same file.

const n = Number(process.argv[2] ?? 200);
const sectors = ['software', 'financial_services', 'healthcare', 'manufacturing', 'retail', 'logistics', 'professional_services'];
const countries = ['DE', 'FR', 'NL', 'US', 'GB', 'IE', 'ES', 'SE', 'PL', 'IT'];
const marketSets = [['us'], ['eu'], ['us', 'eu'], ['eu', 'uk'], ['us', 'eu', 'uk']];
let seed = 42;
const rnd = (k) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % k;
};
const profiles = [];
for (let i = 0; i < n; i++) {
  const builds = rnd(3) === 0;
  const profile = {
    name: `Synthetic Client ${String(i + 1).padStart(4, '0')}`,
    sector: sectors[rnd(sectors.length)],
    employees: 10 + rnd(2000),
    headquarters: countries[rnd(countries.length)],
    markets: marketSets[rnd(marketSets.length)],
    offerings: builds ? ['service_processing_customer_data', 'builds_ai'] : ['service_processing_customer_data'],
    ai_systems: builds
      ? [{ name: `Model ${i}`, purpose: 'Scoring', roles: ['provider'], risk: { tier: rnd(4) === 0 ? 'transparency' : 'minimal' } }]
      : [],
    pressures: [{ party: rnd(2) ? 'us_customers' : 'eu_customers', asks_for: rnd(2) ? 'soc2' : 'iso27001', deals_blocked: rnd(3) === 0 }],
    notes: 'Synthetic client for benchmarks.',
  };
  profiles.push(profile);
}
process.stdout.write(JSON.stringify(profiles));
