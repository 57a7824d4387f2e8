package cpq

import "strings"

// Message renders the message key in lang, filling {name} placeholders from args. An argument whose value
// starts with "@" names another message (a state, a role, an entity), rendered in the same language. An unknown
// key renders as itself so that a missing message is visible rather than blank.
func Message(lang Lang, key string, args map[string]string) string {
	t, ok := messages[key]
	if !ok {
		return key
	}
	s := t.In(lang)
	for name, val := range args {
		if strings.HasPrefix(val, "@") {
			val = Message(lang, val[1:], nil)
		}
		s = strings.ReplaceAll(s, "{"+name+"}", val)
	}
	return s
}

// HasMessage reports whether key is in the catalog.
func HasMessage(key string) bool { _, ok := messages[key]; return ok }

// messages is the catalog of everything the backend says to a user, in both languages.
var messages = map[string]Text{
	"internal": {"Something went wrong inside Quotewright. Nothing you entered was lost; try again, and if it happens again send the log to support.",
		"Quotewright の内部でエラーが発生しました。入力内容は失われていません。もう一度お試しください。繰り返し発生する場合はログをサポートへ送ってください。"},
	"invalid":                {"Please correct the following:", "次の点を修正してください："},
	"field.tooLong":          {"Use at most {max} characters.", "{max} 文字以内で入力してください。"},
	"email.invalid":          {"“{value}” is not an email address (expected name@example.com).", "「{value}」はメールアドレスの形式ではありません（例: name@example.com）。"},
	"phone.invalid":          {"“{value}” is not a phone number (digits, spaces, dashes and a leading + only).", "「{value}」は電話番号の形式ではありません（数字・空白・ハイフン・先頭の + のみ使えます）。"},
	"date.invalid":           {"“{value}” is not a date (expected YYYY-MM-DD).", "「{value}」は日付の形式ではありません（YYYY-MM-DD の形式で入力してください）。"},
	"lang.unknown":           {"“{value}” is not a supported language: choose en or ja.", "「{value}」は対応していない言語です。en または ja を選んでください。"},
	"segment.business":       {"business", "法人"},
	"segment.consumer":       {"consumer", "個人"},
	"segment.invalid":        {"“{value}” is not a customer segment: choose business or consumer.", "「{value}」は顧客区分ではありません。法人（business）または個人（consumer）を選んでください。"},
	"amount.empty":           {"Enter an amount.", "金額を入力してください。"},
	"amount.invalid":         {"“{value}” is not an amount (digits with an optional decimal point).", "「{value}」は金額の形式ではありません（数字と小数点のみ）。"},
	"currency.unknown":       {"“{code}” is not a supported currency (for example JPY or USD).", "「{code}」は対応していない通貨です（例: JPY、USD）。"},
	"currency.mismatch":      {"Amounts in {a} and {b} cannot be added.", "{a} と {b} の金額は合算できません。"},
	"discount.percent.range": {"A discount must be between 0% and 100%.", "割引率は 0% から 100% の間で指定してください。"},
	"not_found":              {"{entity} “{id}” does not exist. It may have been deleted; refresh the list.", "{entity}「{id}」は存在しません。削除された可能性があります。一覧を更新してください。"},
	"state.unknown":          {"“{state}” is not a status of a {entity}.", "「{state}」は{entity}のステータスではありません。"},
	"state.forbidden":        {"A {entity} cannot go from “{from}” to “{to}”.", "{entity}を「{from}」から「{to}」へ変更することはできません。"},

	// Entities, as named in messages.
	"entity.user":        {"user", "ユーザー"},
	"entity.lead":        {"lead", "リード"},
	"entity.account":     {"account", "取引先"},
	"entity.contact":     {"contact", "取引先責任者"},
	"entity.site":        {"site", "拠点"},
	"entity.opportunity": {"opportunity", "商談"},
	"entity.product":     {"product", "商品"},
	"entity.pricelist":   {"price list", "価格表"},
	"entity.promotion":   {"promotion", "プロモーション"},
	"entity.quote":       {"quote", "見積"},
	"entity.approval":    {"approval", "承認"},
	"entity.contract":    {"contract", "契約"},
	"entity.order":       {"order", "注文"},
	"entity.asset":       {"asset", "納入商品"},
	"entity.rule":        {"catalog rule", "カタログルール"},
	"entity.credit":      {"credit check", "信用調査"},
	"entity.setting":     {"setting", "設定"},

	"role.rep":      {"Account executive", "営業担当"},
	"role.manager":  {"Manager", "マネージャー"},
	"role.director": {"Director", "ディレクター"},
	"role.admin":    {"Administrator", "管理者"},

	"lead.status.new":          {"New", "新規"},
	"lead.status.working":      {"Working", "対応中"},
	"lead.status.qualified":    {"Qualified", "見込みあり"},
	"lead.status.disqualified": {"Disqualified", "対象外"},
	"lead.status.converted":    {"Converted", "取引開始済み"},

	"credit.status.unchecked": {"Not checked", "未調査"},
	"credit.status.pending":   {"Check pending", "調査待ち"},
	"credit.status.approved":  {"Approved", "承認"},
	"credit.status.review":    {"Needs review", "要審査"},
	"credit.status.declined":  {"Declined", "否決"},

	"opportunity.status.prospecting":   {"Prospecting", "見込み調査"},
	"opportunity.status.qualification": {"Qualification", "評価"},
	"opportunity.status.proposal":      {"Proposal", "提案"},
	"opportunity.status.negotiation":   {"Negotiation", "交渉"},
	"opportunity.status.closed_won":    {"Closed won", "受注"},
	"opportunity.status.closed_lost":   {"Closed lost", "失注"},

	"product.status.draft":   {"Draft", "下書き"},
	"product.status.active":  {"Active", "販売中"},
	"product.status.retired": {"Retired", "販売終了"},

	"quote.status.draft":          {"Draft", "下書き"},
	"quote.status.needs_approval": {"Needs approval", "承認待ち"},
	"quote.status.approved":       {"Approved", "承認済み"},
	"quote.status.presented":      {"Presented", "提示済み"},
	"quote.status.accepted":       {"Accepted", "受諾"},
	"quote.status.rejected":       {"Rejected", "不成立"},
	"quote.status.expired":        {"Expired", "期限切れ"},
	"quote.status.superseded":     {"Superseded", "改版済み"},

	"approval.status.pending":   {"Pending", "承認待ち"},
	"approval.status.approved":  {"Approved", "承認"},
	"approval.status.rejected":  {"Rejected", "却下"},
	"approval.status.voided":    {"Voided", "無効"},
	"approval.status.withdrawn": {"Withdrawn", "取り下げ"},

	"contract.status.draft":             {"Draft", "下書き"},
	"contract.status.in_negotiation":    {"In negotiation", "交渉中"},
	"contract.status.approved":          {"Approved", "承認済み"},
	"contract.status.out_for_signature": {"Out for signature", "署名待ち"},
	"contract.status.signed":            {"Signed", "締結済み"},
	"contract.status.activated":         {"Activated", "有効"},
	"contract.status.terminated":        {"Terminated", "終了"},

	"order.status.draft":                 {"Draft", "下書き"},
	"order.status.queued":                {"Queued", "送信待ち"},
	"order.status.acknowledged":          {"Acknowledged", "受付済み"},
	"order.status.rejected":              {"Rejected", "却下"},
	"order.status.pending":               {"Pending", "保留中"},
	"order.status.held":                  {"Held", "停止中"},
	"order.status.inProgress":            {"In progress", "処理中"},
	"order.status.cancelled":             {"Cancelled", "キャンセル済み"},
	"order.status.completed":             {"Completed", "完了"},
	"order.status.failed":                {"Failed", "失敗"},
	"order.status.partial":               {"Partially completed", "一部完了"},
	"order.status.assessingCancellation": {"Assessing cancellation", "キャンセル確認中"},
	"order.status.pendingCancellation":   {"Cancellation pending", "キャンセル処理中"},

	"asset.status.created":          {"Created", "作成済み"},
	"asset.status.pendingActive":    {"Activation pending", "開通待ち"},
	"asset.status.active":           {"Active", "利用中"},
	"asset.status.suspended":        {"Suspended", "一時停止"},
	"asset.status.pendingTerminate": {"Termination pending", "解約処理中"},
	"asset.status.terminated":       {"Terminated", "解約済み"},
	"asset.status.cancelled":        {"Cancelled", "キャンセル済み"},
	"asset.status.aborted":          {"Aborted", "中止"},

	// Users.
	"user.invalid":           {"The user profile cannot be saved:", "ユーザーを保存できません："},
	"user.name.required":     {"Enter the user's name.", "ユーザー名を入力してください。"},
	"user.role.invalid":      {"“{value}” is not a role: choose rep, manager, director or admin.", "「{value}」は役割ではありません。営業担当・マネージャー・ディレクター・管理者から選んでください。"},
	"user.maxDiscount.range": {"The maximum discount must be between 0% and 100%.", "最大割引率は 0% から 100% の間で指定してください。"},
	"session.noUser":         {"No user profile is selected: choose one in Settings.", "ユーザーが選択されていません。設定でユーザーを選んでください。"},
	"user.inactive":          {"The user profile “{name}” is inactive; choose another profile.", "ユーザー「{name}」は無効です。別のユーザーを選んでください。"},

	// Leads.
	"lead.invalid":           {"The lead cannot be saved:", "リードを保存できません："},
	"lead.company.required":  {"Enter the company name of a business lead.", "法人リードの会社名を入力してください。"},
	"lead.lastName.required": {"Enter the lead's last name.", "リードの姓を入力してください。"},
	"lead.contact.required":  {"Enter an email address or a phone number, so the lead can be reached.", "連絡が取れるよう、メールアドレスまたは電話番号を入力してください。"},

	// Accounts, contacts, sites.
	"account.invalid":            {"The account cannot be saved:", "取引先を保存できません："},
	"account.name.required":      {"Enter the account name.", "取引先名を入力してください。"},
	"account.employees.negative": {"The number of employees cannot be negative.", "従業員数に負の数は指定できません。"},
	"contact.invalid":            {"The contact cannot be saved:", "取引先責任者を保存できません："},
	"contact.account.required":   {"Choose the account this contact belongs to.", "取引先責任者が所属する取引先を選んでください。"},
	"contact.lastName.required":  {"Enter the contact's last name.", "取引先責任者の姓を入力してください。"},
	"site.invalid":               {"The site cannot be saved:", "拠点を保存できません："},
	"site.account.required":      {"Choose the account this site belongs to.", "拠点が属する取引先を選んでください。"},
	"site.name.required":         {"Enter a name for the site.", "拠点名を入力してください。"},
	"site.postalCode.required":   {"Enter the site's postal code: product availability depends on it.", "拠点の郵便番号を入力してください（提供可否の判定に使います）。"},
	"site.postalCode.jp":         {"“{value}” is not a Japanese postal code (expected 123-4567).", "「{value}」は郵便番号の形式ではありません（例: 123-4567）。"},
	"site.region.required":       {"Enter the site's region (prefecture or state).", "拠点の地域（都道府県）を入力してください。"},
	"site.country.invalid":       {"“{value}” is not a two-letter country code (for example JP).", "「{value}」は 2 文字の国コードではありません（例: JP）。"},

	// Opportunities.
	"opportunity.invalid":            {"The opportunity cannot be saved:", "商談を保存できません："},
	"opportunity.account.required":   {"Choose the account of the opportunity.", "商談の取引先を選んでください。"},
	"opportunity.name.required":      {"Enter a name for the opportunity.", "商談名を入力してください。"},
	"opportunity.closeDate.required": {"Enter the expected close date.", "完了予定日を入力してください。"},
	"opportunity.probability.range":  {"The probability must be between 0% and 100%.", "確度は 0% から 100% の間で指定してください。"},

	// Catalog.
	"product.invalid":                {"The product cannot be saved:", "商品を保存できません："},
	"product.code.invalid":           {"“{value}” is not a product code: use 2–64 capital letters, digits, dots, dashes or underscores.", "「{value}」は商品コードとして使えません。英大文字・数字・ピリオド・ハイフン・アンダースコアで 2〜64 文字にしてください。"},
	"product.kind.invalid":           {"“{value}” is not a product kind: choose simple or bundle.", "「{value}」は商品種別ではありません。単品（simple）またはバンドル（bundle）を選んでください。"},
	"product.name.required":          {"Enter the product name in English or Japanese.", "商品名を英語または日本語で入力してください。"},
	"product.effective.order":        {"The end of the effective period is before its start.", "有効期間の終了日が開始日より前になっています。"},
	"product.attribute.code":         {"Attribute codes must be present and unique (“{code}”).", "属性コードは必須で、重複できません（「{code}」）。"},
	"product.attribute.noValues":     {"The choice attribute “{code}” has no values to choose from.", "選択式の属性「{code}」に選択肢がありません。"},
	"product.attribute.badDefault":   {"The default “{value}” of attribute “{code}” is not one of its values.", "属性「{code}」の既定値「{value}」は選択肢にありません。"},
	"product.attribute.type":         {"Attribute “{code}” has the unknown type “{value}”.", "属性「{code}」の型「{value}」は不明です。"},
	"product.components.simple":      {"A simple product cannot have components; make it a bundle.", "単品には構成品を設定できません。バンドルにしてください。"},
	"product.components.self":        {"A bundle cannot contain itself.", "バンドルに自分自身を含めることはできません。"},
	"product.components.cardinality": {"Component {product}: the minimum, default and maximum quantities must satisfy 0 ≤ min ≤ default ≤ max, max ≥ 1.", "構成品 {product}: 数量は 0 ≤ 最小 ≤ 既定 ≤ 最大、最大 ≥ 1 となるように指定してください。"},
	"product.technical.pattern":      {"The pattern of technical attribute “{code}” is not a valid regular expression.", "テクニカル属性「{code}」のパターンが正しい正規表現ではありません。"},
	"pricelist.invalid":              {"The price list cannot be saved:", "価格表を保存できません："},
	"pricelist.code.required":        {"Enter a code for the price list.", "価格表コードを入力してください。"},
	"pricelist.name.required":        {"Enter a name for the price list.", "価格表名を入力してください。"},
	"price.invalid":                  {"The price cannot be saved:", "価格を保存できません："},
	"price.product.required":         {"Choose the product this price is for.", "価格を設定する商品を選んでください。"},
	"price.period.oneTime":           {"A one-time charge has no billing period.", "初期費用には請求周期を指定できません。"},
	"price.period.required":          {"A recurring charge needs a period: month or year.", "月額・年額料金には請求周期（月または年）が必要です。"},
	"price.charge.invalid":           {"“{value}” is not a charge type: choose one_time or recurring.", "「{value}」は料金種別ではありません。初期費用（one_time）または継続料金（recurring）を選んでください。"},
	"price.amount.negative":          {"A price cannot be negative.", "価格に負の値は指定できません。"},
	"price.cost.negative":            {"A cost cannot be negative.", "原価に負の値は指定できません。"},
	"price.minQuantity.range":        {"A volume tier starts at a quantity of 1 or more.", "数量段階は 1 以上の数量から始めてください。"},
	"price.term.range":               {"The term cannot be negative.", "契約期間に負の値は指定できません。"},
	"product.taxCode.invalid":        {"“{value}” is not a tax code: choose standard, reduced or exempt.", "「{value}」は税区分ではありません。standard（標準）・reduced（軽減）・exempt（非課税）から選んでください。"},
	"price.tier.attribute":           {"An attribute adjustment cannot be a volume tier.", "属性による価格調整を数量段階にすることはできません。"},
	"price.tierMode.invalid":         {"“{value}” is not a tier mode: choose tiered or slab.", "「{value}」は段階価格の方式ではありません。tiered または slab を選んでください。"},
	"price.tierScope.invalid":        {"“{value}” is not a tier scope: choose site or quote.", "「{value}」は段階価格の集計範囲ではありません。site または quote を選んでください。"},
	"price.attribute.pair":           {"An attribute price needs both the attribute and its value.", "属性別価格には属性と値の両方が必要です。"},
	"promotion.invalid":              {"The promotion cannot be saved:", "プロモーションを保存できません："},
	"promotion.code.required":        {"Enter a code for the promotion.", "プロモーションコードを入力してください。"},
	"promotion.name.required":        {"Enter a name for the promotion.", "プロモーション名を入力してください。"},
	"promotion.percent.range":        {"A percentage promotion must be above 0% and at most 100%.", "割合指定のプロモーションは 0% より大きく 100% 以下にしてください。"},
	"promotion.amount.positive":      {"An amount promotion must be above zero.", "金額指定のプロモーションは 0 より大きくしてください。"},
	"promotion.kind.invalid":         {"“{value}” is not a promotion kind: choose percent or amount.", "「{value}」はプロモーション種別ではありません。percent または amount を選んでください。"},
	"promotion.duration.range":       {"The duration cannot be negative.", "適用期間に負の値は指定できません。"},
	"promotion.valid.order":          {"The promotion ends before it starts.", "プロモーションの終了日が開始日より前です。"},
	"promotion.products.required":    {"Choose at least one product the promotion applies to.", "プロモーションを適用する商品を 1 つ以上選んでください。"},

	// Catalog rules.
	"rule.invalid":            {"The catalog rule cannot be saved:", "カタログルールを保存できません："},
	"rule.code.required":      {"Enter a code for the rule.", "ルールコードを入力してください。"},
	"rule.products.required":  {"Name at least one product the rule applies to.", "ルールを適用する商品を 1 つ以上指定してください。"},
	"rule.eligibility.empty":  {"An eligibility rule needs at least one condition (segment, region, credit, assets or dates).", "提供対象ルールには条件（顧客区分・地域・信用・既存の納入商品・期間）が 1 つ以上必要です。"},
	"rule.valid.order":        {"The rule's period ends before it starts.", "ルールの適用期間の終了日が開始日より前です。"},
	"rule.availability.empty": {"An availability rule needs postal-code prefixes or regions.", "提供エリアのルールには郵便番号の先頭部分または地域が必要です。"},
	"rule.targets.required":   {"Name the products this rule requires or excludes.", "このルールで必須または併用不可とする商品を指定してください。"},
	"rule.scope.invalid":      {"“{value}” is not a scope: choose site or quote.", "「{value}」は範囲として使えません。site または quote を選んでください。"},
	"rule.kind.invalid":       {"“{value}” is not a rule kind: choose eligibility, availability, requires or excludes.", "「{value}」はルールの種類ではありません。eligibility・availability・requires・excludes から選んでください。"},

	// Why a product is not offered, or a line refused.
	"offer.notSold":         {"{product} is not on sale on this date.", "{product}はこの日付では販売していません。"},
	"offer.segment":         {"Offered to {segments} customers only.", "{segments}のお客様のみが対象です。"},
	"offer.region":          {"Offered in {regions} only (this account is in {region}).", "{regions}のみで提供しています（この取引先の地域: {region}）。"},
	"offer.credit":          {"Not offered while the account's credit check is “{status}”.", "取引先の信用調査が「{status}」の間は提供できません。"},
	"offer.rating":          {"Needs a credit rating of {ratings} (this account: {rating}).", "信用格付け {ratings} が必要です（この取引先: {rating}）。"},
	"offer.window":          {"Offered from {from} to {to} only.", "{from} から {to} までの期間限定です。"},
	"offer.assets":          {"Only for customers who already have {products}.", "{products}をご利用中のお客様のみが対象です。"},
	"offer.noSite":          {"Choose a site first: availability depends on where it is installed.", "先に拠点を選んでください。提供可否は設置場所によって決まります。"},
	"offer.site":            {"Not available at postal code {postal}: provided only in {areas}.", "郵便番号 {postal} では提供していません。提供エリア: {areas}。"},
	"offer.noPrice":         {"Has no price in {list}.", "{list}に価格がありません。"},
	"config.line":           {"Line {line}: {problem}", "{line} 行目: {problem}"},
	"config.unknownProduct": {"the product {product} is not in the catalog.", "商品 {product} はカタログにありません。"},
	"config.noParent":       {"its bundle line is not on the quote.", "親のバンドル行が見積にありません。"},
	"config.notComponent":   {"{product} is not part of {bundle}.", "{product}は{bundle}の構成品ではありません。"},
	"config.attrRequired":   {"choose a value for “{attribute}”.", "「{attribute}」を選んでください。"},
	"config.attrValue":      {"“{value}” is not a value of “{attribute}” (choose {allowed}).", "「{value}」は「{attribute}」の選択肢ではありません（{allowed} から選んでください）。"},
	"config.attrNumber":     {"“{attribute}” must be a number, not “{value}”.", "「{attribute}」には数値を入力してください（「{value}」は数値ではありません）。"},
	"config.attrBoolean":    {"“{attribute}” must be true or false, not “{value}”.", "「{attribute}」は true または false です（「{value}」は使えません）。"},
	"config.attrUnknown":    {"{product} has no attribute “{attribute}”.", "{product}に属性「{attribute}」はありません。"},
	"config.tooFew":         {"the bundle needs at least {min} × {product} (has {count}).", "このバンドルには{product}が {min} 個以上必要です（現在 {count} 個）。"},
	"config.tooMany":        {"the bundle takes at most {max} × {product} (has {count}).", "このバンドルの{product}は {max} 個までです（現在 {count} 個）。"},
	"config.requires.site":  {"{product} needs {targets} at the same site.", "{product}には同じ拠点に{targets}が必要です。"},
	"config.requires.quote": {"{product} needs {targets} on the quote.", "{product}には見積内に{targets}が必要です。"},
	"config.excludes":       {"{product} cannot be combined with {other}.", "{product}は{other}と併用できません。"},

	// Pricing.
	"pricing.settings.invalid":    {"The pricing settings are not valid:", "価格設定が正しくありません："},
	"pricing.rounding.invalid":    {"“{value}” is not a rounding mode: choose half_up, half_even, down or up.", "「{value}」は端数処理の方法ではありません。half_up（四捨五入）・half_even・down（切り捨て）・up（切り上げ）から選んでください。"},
	"pricing.taxRounding.invalid": {"“{value}” is not a tax rounding rule: choose line or document.", "「{value}」は消費税の端数処理の単位ではありません。line（明細ごと）または document（税率ごとに1回）を選んでください。"},
	"pricing.taxRate.range":       {"The tax rate of “{code}” must be between 0% and 100%.", "税区分「{code}」の税率は 0% から 100% の間で指定してください。"},
	"pricing.noPriceList":         {"The quote has no price list, or its price list is not in the catalog.", "見積に価格表がないか、その価格表がカタログにありません。"},
	"pricing.currency":            {"The quote is in {quote} but its price list is in {list}.", "見積の通貨は {quote} ですが、価格表の通貨は {list} です。"},
	"pricing.unknownProduct":      {"Line {line}: the product is not in the catalog.", "{line} 行目: 商品がカタログにありません。"},
	"pricing.noTaxRate":           {"Line {line}: there is no tax rate for the tax code “{code}” in the settings.", "{line} 行目: 税区分「{code}」の税率が設定にありません。"},

	// Price waterfall steps.
	"step.list":         {"List price {unit} × {quantity}", "定価 {unit} × {quantity}"},
	"step.term":         {"{months}-month term price {unit}", "{months}か月契約価格 {unit}"},
	"step.tier":         {"Volume tier from {min} units: {unit} each", "数量段階 {min} 以上: 単価 {unit}"},
	"step.slab":         {"Units {from}–{to} at {unit} (tier from {min})", "{from}〜{to} 個目は単価 {unit}（{min} 以上の段階）"},
	"step.promotion":    {"Promotion: {name}", "プロモーション: {name}"},
	"step.months":       {"(first {months} months)", "（最初の {months} か月）"},
	"step.linePercent":  {"Line discount {percent}%", "明細割引 {percent}%"},
	"step.lineAmount":   {"Line discount {amount} per unit", "明細割引 1 単位あたり {amount}"},
	"step.quotePercent": {"Quote discount {percent}%", "見積全体の割引 {percent}%"},
	"step.rounding":     {"Rounding to the currency's smallest unit", "通貨単位への端数処理"},

	// Quotes and approvals.
	"quote.invalid":             {"The quote cannot be saved:", "見積を保存できません："},
	"quote.account.required":    {"Choose the account the quote is for.", "見積先の取引先を選んでください。"},
	"quote.name.required":       {"Enter a name for the quote.", "見積名を入力してください。"},
	"quote.version.range":       {"A quote version starts at 1.", "見積の版は 1 から始まります。"},
	"quote.term.invalid":        {"{value} months is not a contract term: choose 12, 24, 36, 48 or 60 (or 0 for no commitment).", "{value} か月は契約期間として選べません。12・24・36・48・60 か月（縛りなしは 0）から選んでください。"},
	"quote.siteGroup.name":      {"Every site group needs a name.", "拠点グループには名前が必要です。"},
	"quote.line.product":        {"Line {line}: choose a product.", "{line} 行目: 商品を選んでください。"},
	"quote.line.quantity":       {"Line {line}: the quantity must be 1 or more.", "{line} 行目: 数量は 1 以上にしてください。"},
	"quote.line.siteGroup":      {"Line {line}: its site group is not on this quote.", "{line} 行目: 拠点グループがこの見積にありません。"},
	"quote.line.parent":         {"Line {line}: its bundle line is not on this quote.", "{line} 行目: 親のバンドル行がこの見積にありません。"},
	"quote.line.discountPct":    {"Line {line}: a discount must be between 0% and 100%.", "{line} 行目: 割引率は 0% から 100% の間で指定してください。"},
	"quote.line.discountAmount": {"Line {line}: a discount amount cannot be negative.", "{line} 行目: 割引額に負の値は指定できません。"},
	"approval.self":             {"Nobody can approve their own quote: ask your manager.", "自分の見積を自分で承認することはできません。上長に依頼してください。"},
	"approval.level":            {"This approval needs a {level} or higher.", "この承認には{level}以上の権限が必要です。"},

	// Contracts and orders.
	"contract.invalid":          {"The contract cannot be saved:", "契約を保存できません："},
	"contract.account.required": {"Choose the account of the contract.", "契約の取引先を選んでください。"},
	"contract.quote.required":   {"A contract is made from an accepted quote: choose one.", "契約は受諾された見積から作成します。見積を選んでください。"},
	"contract.version.range":    {"A contract version starts at 1.", "契約の版は 1 から始まります。"},
	"order.invalid":             {"The order cannot be saved:", "注文を保存できません："},
	"order.account.required":    {"Choose the account the order is for.", "注文先の取引先を選んでください。"},
	"order.item.product":        {"Item {item}: choose a product.", "{item} 番目の品目: 商品を選んでください。"},
	"order.item.quantity":       {"Item {item}: the quantity must be 1 or more.", "{item} 番目の品目: 数量は 1 以上にしてください。"},
	"order.item.asset":          {"Item {item}: a change or disconnection must name the asset it changes.", "{item} 番目の品目: 変更・解約には対象の納入商品の指定が必要です。"},
	"order.item.action":         {"Item {item}: “{value}” is not an order action (add, modify, delete or noChange).", "{item} 番目の品目: 「{value}」は注文アクションではありません（add・modify・delete・noChange）。"},
	"order.technical.missing":   {"Item {item} ({product}): fill in the technical attribute “{attribute}”.", "{item} 番目の品目（{product}）: テクニカル属性「{attribute}」を入力してください。"},

	// Store.
	"store.notQuotewright":  {"{path} is not a Quotewright database. Quotewright did not change it; choose another file with --db.", "{path} は Quotewright のデータベースではありません。ファイルは変更していません。--db で別のファイルを指定してください。"},
	"store.corrupt":         {"The database {path} is damaged ({detail}). Quotewright did not change it; restore it from a backup or start with another file using --db.", "データベース {path} は破損しています（{detail}）。ファイルは変更していません。バックアップから復元するか、--db で別のファイルを指定してください。"},
	"store.locked":          {"The database {path} is already open in another Quotewright window{holder}. Close that window first, or start with --db to use another file.", "データベース {path} は別の Quotewright ウィンドウで開かれています{holder}。そのウィンドウを閉じるか、--db で別のファイルを指定してください。"},
	"store.newer":           {"The database {path} was written by a newer Quotewright (schema {found}; this version knows up to {known}). Update Quotewright; the file was not changed.", "データベース {path} は新しいバージョンの Quotewright で作成されています（スキーマ {found}、このバージョンは {known} まで対応）。Quotewright を更新してください。ファイルは変更していません。"},
	"store.migrationEdited": {"The database {path} was set up by a different build of Quotewright (migration {version} differs). Quotewright did not change it; use the build that created it.", "データベース {path} は別ビルドの Quotewright で作成されています（マイグレーション {version} が異なります）。ファイルは変更していません。作成したビルドを使ってください。"},
	"store.migrationFailed": {"Upgrading the database {path} to schema {version} failed; the file was left as it was. {detail}", "データベース {path} をスキーマ {version} に更新できませんでした。ファイルは元のままです。{detail}"},
	"store.readonly":        {"The database {path} cannot be written ({detail}). Check the file's permissions or choose another file with --db.", "データベース {path} に書き込めません（{detail}）。ファイルの権限を確認するか、--db で別のファイルを指定してください。"},
	"store.open":            {"The database {path} cannot be opened: {detail}", "データベース {path} を開けません: {detail}"},
	"store.duplicate":       {"This {entity} already exists (its code or number is taken).", "この{entity}は既に存在します（コードまたは番号が使われています）。"},
	"store.reference":       {"This {entity} refers to something that does not exist, or is still used elsewhere.", "この{entity}は存在しないデータを参照しているか、他で使われています。"},
	"store.constraint":      {"This {entity} breaks a rule of the database; check the values entered.", "この{entity}はデータベースの制約に反しています。入力値を確認してください。"},
	"audit.appendOnly":      {"The audit log cannot be changed, only added to.", "監査ログは変更できません（追記のみ可能です）。"},
}
