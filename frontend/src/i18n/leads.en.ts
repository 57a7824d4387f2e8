// English text of the leads screens; leads.ja.ts has the same keys.
export default {
  title: 'Leads',
};
