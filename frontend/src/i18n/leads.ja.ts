// Japanese text of the leads screens; leads.en.ts has the same keys.
export default {
  title: 'リード',
};
