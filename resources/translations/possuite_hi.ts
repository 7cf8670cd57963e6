<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="hi" sourcelanguage="en">
<context>
    <name>AdjustDialog</name>
    <message>
        <source>Adjust {name}&apos;s balance</source>
        <translation>{name} का बकाया बदलें</translation>
    </message>
    <message>
        <source>Post adjustment</source>
        <translation>समायोजन दर्ज करें</translation>
    </message>
    <message>
        <source>{name} owes {amount}. Every adjustment is recorded with its reason and who approved it; it never changes an earlier entry.</source>
        <translation>{name} पर {amount} बकाया है। हर समायोजन कारण और मंज़ूरी देने वाले के नाम के साथ दर्ज होता है; पुरानी एंट्री कभी नहीं बदलती।</translation>
    </message>
    <message>
        <source>Write off — the customer owes less</source>
        <translation>बट्टे खाते डालें — ग्राहक का बकाया घटेगा</translation>
    </message>
    <message>
        <source>Add a charge — the customer owes more</source>
        <translation>शुल्क जोड़ें — ग्राहक का बकाया बढ़ेगा</translation>
    </message>
    <message>
        <source>e.g. an old balance from the paper book, or a correction</source>
        <translation>जैसे कागज़ी खाते का पुराना बकाया, या कोई सुधार</translation>
    </message>
    <message>
        <source>e.g. 150.00</source>
        <translation>जैसे 150.00</translation>
    </message>
    <message>
        <source>Required, e.g. goodwill, bad debt, opening balance from the book</source>
        <translation>ज़रूरी, जैसे सद्भावना, डूबा कर्ज़, खाते का शुरुआती बकाया</translation>
    </message>
    <message>
        <source>Amount *</source>
        <translation>रकम *</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>कारण *</translation>
    </message>
</context>
<context>
    <name>AuthoriseDialog</name>
    <message>
        <source>Reason</source>
        <translation>कारण</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>पक्का करें</translation>
    </message>
    <message>
        <source>e.g. family member, VIP, make-good for a late appointment</source>
        <translation>जैसे परिवार के सदस्य, ख़ास ग्राहक, देर से मिली सेवा की भरपाई</translation>
    </message>
    <message>
        <source>Owner&apos;s PIN</source>
        <translation>मालिक का PIN</translation>
    </message>
    <message>
        <source>Owner PIN *</source>
        <translation>मालिक का PIN *</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Reason: is required</source>
        <translation>कारण: ज़रूरी है</translation>
    </message>
    <message>
        <source>Owner PIN: is required; ask the owner to type it</source>
        <translation>मालिक का PIN: ज़रूरी है; मालिक से टाइप करवाएँ</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>जाँच हो रही है…</translation>
    </message>
    <message>
        <source>Completing</source>
        <translation>पूरा हो रहा है</translation>
    </message>
</context>
<context>
    <name>BackupsTab</name>
    <message>
        <source>Backups</source>
        <translation>बैकअप</translation>
    </message>
    <message>
        <source>Backups are kept in &lt;b&gt;{folder}&lt;/b&gt;. One is taken when the till starts (once a day) and at day end. Every backup of the last {days} days with one is kept, and one for each of the {months} months before. Copy one to a USB stick now and then.</source>
        <translation>बैकअप &lt;b&gt;{folder}&lt;/b&gt; में रखे जाते हैं। एक बैकअप काउंटर शुरू होने पर (दिन में एक बार) और एक दिन के अंत में लिया जाता है। पिछले {days} दिनों का हर बैकअप रखा जाता है, और उससे पहले के {months} महीनों में से हर महीने का एक। बीच-बीच में एक बैकअप USB स्टिक पर कॉपी कर लें।</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>अभी बैकअप लें</translation>
    </message>
    <message>
        <source>Back up to a file…</source>
        <translation>फ़ाइल में बैकअप लें…</translation>
    </message>
    <message>
        <source>Restore selected…</source>
        <translation>चुना हुआ वापस लाएँ…</translation>
    </message>
    <message>
        <source>Restore from a file…</source>
        <translation>फ़ाइल से वापस लाएँ…</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>फ़ोल्डर खोलें</translation>
    </message>
    <message>
        <source>Back up to a file</source>
        <translation>फ़ाइल में बैकअप लें</translation>
    </message>
    <message>
        <source>possuite backup (*.sqlite3)</source>
        <translation>possuite बैकअप (*.sqlite3)</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>बैकअप हो रहा है…</translation>
    </message>
    <message>
        <source>Backing up the database</source>
        <translation>डेटाबेस का बैकअप हो रहा है</translation>
    </message>
    <message>
        <source>Backed up to {path} ({human_size}).</source>
        <translation>{path} में बैकअप हो गया ({human_size})।</translation>
    </message>
    <message>
        <source>the backup taken {when}</source>
        <translation>{when} को लिया गया बैकअप</translation>
    </message>
    <message>
        <source>Restore from a file</source>
        <translation>फ़ाइल से वापस लाएँ</translation>
    </message>
    <message>
        <source>possuite backup (*.sqlite3);;All files (*)</source>
        <translation>possuite बैकअप (*.sqlite3);;सभी फ़ाइलें (*)</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>बैकअप वापस लाएँ</translation>
    </message>
    <message>
        <source>Replace the shop&apos;s book with {described}?

Everything recorded after it will no longer show. The current book is kept among the backups (&quot;Replaced by a restore&quot;), so this can be undone. Close possuite on any other till that uses this database first.</source>
        <translation>दुकान का खाता {described} से बदलें?

उसके बाद दर्ज हुई कोई भी चीज़ अब नहीं दिखेगी। मौजूदा खाता बैकअप में (&quot;रीस्टोर से बदला गया&quot;) रखा जाता है, इसलिए इसे पलटा जा सकता है। पहले इस डेटाबेस वाले बाकी काउंटरों पर possuite बंद कर दें।</translation>
    </message>
    <message>
        <source>Checking the backup and restoring…</source>
        <translation>बैकअप की जाँच करके वापस लाया जा रहा है…</translation>
    </message>
    <message>
        <source>Restoring the database</source>
        <translation>डेटाबेस वापस लाया जा रहा है</translation>
    </message>
    <message>
        <source> The book it replaced is kept as {name}.</source>
        <translation> जिस खाते की जगह यह आया, वह {name} नाम से रखा गया है।</translation>
    </message>
    <message>
        <source>Restored from {name}; it passed every check.{kept}</source>
        <translation>{name} से वापस लाया गया; हर जाँच में सही निकला।{kept}</translation>
    </message>
</context>
<context>
    <name>BalancesPage</name>
    <message>
        <source>Balances</source>
        <translation>बकाया सूची</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV निकालें</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>PDF निकालें</translation>
    </message>
    <message>
        <source>Total outstanding</source>
        <translation>कुल बकाया</translation>
    </message>
    <message>
        <source>Customers owing</source>
        <translation>बकायेदार ग्राहक</translation>
    </message>
    <message>
        <source>Average balance</source>
        <translation>औसत बकाया</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>समय पार</translation>
    </message>
    <message>
        <source>Collected this month</source>
        <translation>इस महीने जमा</translation>
    </message>
    <message>
        <source>Complimentary this month</source>
        <translation>इस महीने मुफ़्त सेवा</translation>
    </message>
    <message>
        <source>Over credit limit</source>
        <translation>उधार सीमा से ज़्यादा</translation>
    </message>
    <message>
        <source>Outstanding by days past due</source>
        <translation>देय तिथि के बाद के दिनों के हिसाब से बकाया</translation>
    </message>
    <message>
        <source>Total outstanding, last 90 days</source>
        <translation>कुल बकाया, पिछले 90 दिन</translation>
    </message>
    <message>
        <source>Who owes, highest first; click a heading to sort, double-click for the statement</source>
        <translation>बकायेदार ग्राहक, सबसे ज़्यादा बकाया पहले; क्रम बदलने के लिए शीर्षक पर क्लिक करें, खाता विवरण के लिए डबल-क्लिक करें</translation>
    </message>
    <message>
        <source>Everyone who owes</source>
        <translation>सभी बकायेदार</translation>
    </message>
    <message>
        <source>{flag} Over their credit limit</source>
        <translation>{flag} उधार सीमा से ज़्यादा</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n ग्राहक</numerusform>
            <numerusform>%n ग्राहक</numerusform>
        </translation>
    </message>
    <message>
        <source>Dues collected, and old dues settled at the till, since {day}</source>
        <translation>{day} से जमा हुआ बकाया, और काउंटर पर चुकाया गया पुराना बकाया</translation>
    </message>
    <message numerus="yes">
        <source>%n complimentary bill(s) this month, at their value</source>
        <translation>
            <numerusform>इस महीने मुफ़्त सेवा के %n बिल, उनकी कीमत पर</numerusform>
            <numerusform>इस महीने मुफ़्त सेवा के %n बिल, उनकी कीमत पर</numerusform>
        </translation>
    </message>
    <message>
        <source>Days past due</source>
        <translation>देय तिथि के बाद के दिन</translation>
    </message>
    <message>
        <source>Export balances ({kind})</source>
        <translation>बकाया सूची निकालें ({kind})</translation>
    </message>
    <message>
        <source>Balances {kind}</source>
        <translation>बकाया सूची {kind}</translation>
    </message>
    <message>
        <source>Loading balances</source>
        <translation>बकाया सूची खुल रही है</translation>
    </message>
    <message>
        <source>{shown:,} of {owing:,}</source>
        <translation>{owing:,} में से {shown:,}</translation>
    </message>
    <message>
        <source>Open bills past their due date</source>
        <translation>देय तिथि निकल चुके खुले बिल</translation>
    </message>
    <message>
        <source>Customers who owe more than their credit limit, with what the other tills sold them once synced (flagged in the list)</source>
        <translation>जिन ग्राहकों का बकाया उधार सीमा से ज़्यादा है, सिंक के बाद दूसरे काउंटरों की बिक्री सहित (सूची में निशान लगा है)</translation>
    </message>
    <message>
        <source>dd MMM</source>
        <translation>dd MMM</translation>
    </message>
    <message>
        <source>Total outstanding, last 90 days — now {amount}</source>
        <translation>कुल बकाया, पिछले 90 दिन — अभी {amount}</translation>
    </message>
</context>
<context>
    <name>BillDetailDialog</name>
    <message>
        <source>Bill {number}</source>
        <translation>बिल {number}</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>सामान</translation>
    </message>
    <message>
        <source>Tenders</source>
        <translation>भुगतान</translation>
    </message>
    <message>
        <source>Allocations</source>
        <translation>हिसाब</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>वापसी</translation>
    </message>
    <message>
        <source>Reprint receipt</source>
        <translation>रसीद फिर छापें</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>वापसी…</translation>
    </message>
    <message>
        <source>Void bill…</source>
        <translation>बिल रद्द करें…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>बंद करें</translation>
    </message>
    <message>
        <source>Walk-in customer</source>
        <translation>राह चलते ग्राहक</translation>
    </message>
    <message>
        <source>cashier {name}</source>
        <translation>कैशियर {name}</translation>
    </message>
    <message>
        <source>due {date}</source>
        <translation>देय {date}</translation>
    </message>
    <message>
        <source>authorised by {name}</source>
        <translation>{name} की मंज़ूरी</translation>
    </message>
    <message>
        <source>complimentary: {reason}</source>
        <translation>मुफ़्त सेवा: {reason}</translation>
    </message>
    <message>
        <source>voided {when} by {name}: {reason}</source>
        <translation>{when} को {name} ने रद्द किया: {reason}</translation>
    </message>
    <message>
        <source>voided {when}: {reason}</source>
        <translation>{when} को रद्द: {reason}</translation>
    </message>
    <message>
        <source>Tenders ({count})</source>
        <translation>भुगतान ({count})</translation>
    </message>
    <message>
        <source>Allocations ({count})</source>
        <translation>हिसाब ({count})</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>उप-योग</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>छूट</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>कर</translation>
    </message>
    <message>
        <source>Value given</source>
        <translation>दी गई कीमत</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>कुल</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>भुगतान हुआ</translation>
    </message>
    <message>
        <source>Outstanding</source>
        <translation>बकाया</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>वापस आया</translation>
    </message>
    <message>
        <source>A bill with returns cannot be voided; return the rest instead.</source>
        <translation>जिस बिल पर वापसी हो चुकी है वह रद्द नहीं हो सकता; बाकी सामान की वापसी करें।</translation>
    </message>
    <message>
        <source>Returns ({count})</source>
        <translation>वापसी ({count})</translation>
    </message>
    <message>
        <source>A copy of the receipt is queued for the printer.</source>
        <translation>रसीद की एक कॉपी प्रिंटर की कतार में है।</translation>
    </message>
    <message>
        <source>Credit note {number}: {amount}.</source>
        <translation>क्रेडिट नोट {number}: {amount}।</translation>
    </message>
    <message>
        <source> Refund {amount} by {method}.</source>
        <translation> {method} से {amount} वापस।</translation>
    </message>
    <message>
        <source>Void bill {number}</source>
        <translation>बिल {number} रद्द करें</translation>
    </message>
    <message>
        <source>Voiding reverses the bill with new entries (nothing is deleted). Money paid towards it settles the customer&apos;s other dues first; what is left is refunded.</source>
        <translation>रद्द करने पर नई एंट्रियों से बिल उलट दिया जाता है (कुछ मिटाया नहीं जाता)। इस पर दिया गया पैसा पहले ग्राहक के बाकी बकाया में जाता है; बचा हुआ लौटा दिया जाता है।</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>कारण</translation>
    </message>
    <message>
        <source>Void bill</source>
        <translation>बिल रद्द करें</translation>
    </message>
    <message>
        <source>e.g. entered twice, customer returned the product</source>
        <translation>जैसे दो बार दर्ज हुआ, ग्राहक ने सामान लौटाया</translation>
    </message>
    <message>
        <source>Bill {number} is void.</source>
        <translation>बिल {number} रद्द हो गया।</translation>
    </message>
    <message>
        <source> Refund {amount}.</source>
        <translation> {amount} वापस।</translation>
    </message>
</context>
<context>
    <name>BillsPage</name>
    <message>
        <source>Bills</source>
        <translation>बिल</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>सभी स्थितियाँ</translation>
    </message>
    <message>
        <source>Customer name or phone</source>
        <translation>ग्राहक का नाम या फ़ोन</translation>
    </message>
    <message>
        <source>Bill number</source>
        <translation>बिल नंबर</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>फ़िल्टर हटाएँ</translation>
    </message>
    <message>
        <source>From</source>
        <translation>से</translation>
    </message>
    <message>
        <source>To</source>
        <translation>तक</translation>
    </message>
    <message>
        <source>From date: is after the To date</source>
        <translation>शुरू की तारीख: आख़िरी तारीख के बाद की है</translation>
    </message>
    <message>
        <source>Customer: nobody matches “{term}”</source>
        <translation>ग्राहक: “{term}” से कोई नहीं मिला</translation>
    </message>
    <message>
        <source>Bills of {name}</source>
        <translation>{name} के बिल</translation>
    </message>
    <message numerus="yes">
        <source> (%n other customer(s) match; type more to choose)</source>
        <translation>
            <numerusform> (%n और ग्राहक मिला; चुनने के लिए और टाइप करें)</numerusform>
            <numerusform> (%n और ग्राहक मिले; चुनने के लिए और टाइप करें)</numerusform>
        </translation>
    </message>
    <message>
        <source>{shown:,} of {total:,} bills</source>
        <translation>{total:,} में से {shown:,} बिल</translation>
    </message>
    <message>
        <source>{total:,} bills</source>
        <translation>{total:,} बिल</translation>
    </message>
</context>
<context>
    <name>CashMoveDialog</name>
    <message>
        <source>Cash in</source>
        <translation>नकद डाला</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>नकद निकाला</translation>
    </message>
    <message>
        <source>Float top-up, change from the bank…</source>
        <translation>गल्ले में और पैसे, बैंक से छुट्टे…</translation>
    </message>
    <message>
        <source>Petty expense, bank drop, supplier paid in cash…</source>
        <translation>छोटा खर्च, बैंक में जमा, सप्लायर को नकद भुगतान…</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>रकम</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>कारण</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Reason: is required</source>
        <translation>कारण: ज़रूरी है</translation>
    </message>
    <message>
        <source>Recording the cash…</source>
        <translation>नकद दर्ज हो रहा है…</translation>
    </message>
</context>
<context>
    <name>CheckoutPage</name>
    <message>
        <source>Scan a barcode or type a SKU or name (F2)</source>
        <translation>बारकोड स्कैन करें या SKU या नाम लिखें (F2)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>जोड़ें</translation>
    </message>
    <message>
        <source>Other amount</source>
        <translation>दूसरी रकम</translation>
    </message>
    <message>
        <source>Ring up an amount that is not in the catalog</source>
        <translation>ऐसी रकम जोड़ें जो सूची में नहीं है</translation>
    </message>
    <message>
        <source>Add as new item…</source>
        <translation>नए सामान के रूप में जोड़ें…</translation>
    </message>
    <message>
        <source>−  Qty</source>
        <translation>−  मात्रा</translation>
    </message>
    <message>
        <source>+  Qty</source>
        <translation>+  मात्रा</translation>
    </message>
    <message>
        <source>Line discount</source>
        <translation>छूट दें</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>सामान हटाएँ</translation>
    </message>
    <message>
        <source>Edit item</source>
        <translation>सामान बदलें</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>उप-योग</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>छूट</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>कर</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation>कुल</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>रोकें</translation>
    </message>
    <message>
        <source>New sale</source>
        <translation>नई बिक्री</translation>
    </message>
    <message>
        <source>Pay (F12)</source>
        <translation>भुगतान (F12)</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>वापस लाएँ</translation>
    </message>
    <message>
        <source>{error_text}. Check the code or pick from the list.</source>
        <translation>{error_text}। कोड जाँचें या सूची से चुनें।</translation>
    </message>
    <message>
        <source>Credit note {number} for {bill_number}: {amount}</source>
        <translation>{bill_number} का क्रेडिट नोट {number}: {amount}</translation>
    </message>
    <message>
        <source>, refund {amount} by {method}</source>
        <translation>, {method} से {amount} वापस</translation>
    </message>
    <message>
        <source>Added {name} — {amount}</source>
        <translation>{name} जोड़ा — {amount}</translation>
    </message>
    <message>
        <source>Choose a line of a catalog item to edit its HSN and GST rate.</source>
        <translation>HSN और GST दर बदलने के लिए सूची के किसी सामान की लाइन चुनें।</translation>
    </message>
    <message>
        <source>{name}: HSN {hsn}, GST {rate}</source>
        <translation>{name}: HSN {hsn}, GST {rate}</translation>
    </message>
    <message>
        <source>The cart is empty: add an item first.</source>
        <translation>कार्ट ख़ाली है: पहले सामान जोड़ें।</translation>
    </message>
    <message>
        <source>Selling needs an open shift at this till. Count the cash in the drawer to open one; the sale continues after it.</source>
        <translation>इस काउंटर पर बेचने के लिए शिफ़्ट खुली होनी चाहिए। शिफ़्ट खोलने के लिए गल्ले का नकद गिनें; उसके बाद बिक्री जारी रहेगी।</translation>
    </message>
    <message>
        <source>Bill {number} completed.</source>
        <translation>बिल {number} पूरा हुआ।</translation>
    </message>
    <message>
        <source>Printing: {error}</source>
        <translation>छपाई: {error}</translation>
    </message>
</context>
<context>
    <name>CloseShiftDialog</name>
    <message>
        <source>Close shift {number}</source>
        <translation>शिफ़्ट {number} बंद करें</translation>
    </message>
    <message>
        <source>Expected in the drawer</source>
        <translation>गल्ले में होना चाहिए</translation>
    </message>
    <message>
        <source>or type the counted total</source>
        <translation>या गिना हुआ कुल लिखें</translation>
    </message>
    <message>
        <source>Counted as one figure</source>
        <translation>एक ही रकम में गिना</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>टिप्पणी</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>गिना गया</translation>
    </message>
    <message>
        <source>Variance</source>
        <translation>अंतर</translation>
    </message>
    <message>
        <source>Close shift</source>
        <translation>शिफ़्ट बंद करें</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Counted: type an amount such as 2450 or 2,450.50</source>
        <translation>गिना गया: 2450 या 2,450.50 जैसी रकम लिखें</translation>
    </message>
    <message>
        <source>Variance ({variance_label})</source>
        <translation>अंतर ({variance_label})</translation>
    </message>
    <message>
        <source>Closing the shift…</source>
        <translation>शिफ़्ट बंद हो रही है…</translation>
    </message>
</context>
<context>
    <name>CollectButton</name>
    <message>
        <source>Collect</source>
        <translation>जमा करें</translation>
    </message>
</context>
<context>
    <name>CollectDialog</name>
    <message>
        <source>Collect from {name}</source>
        <translation>{name} से जमा करें</translation>
    </message>
    <message>
        <source>Pending balance</source>
        <translation>बकाया रकम</translation>
    </message>
    <message>
        <source>Card slip or UPI transaction id (optional)</source>
        <translation>कार्ड स्लिप या UPI लेन-देन आईडी (वैकल्पिक)</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>वैकल्पिक</translation>
    </message>
    <message>
        <source>Amount *</source>
        <translation>रकम *</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>तरीका</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>संदर्भ</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>टिप्पणी</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Collect</source>
        <translation>जमा करें</translation>
    </message>
    <message>
        <source>Collect {amount}</source>
        <translation>{amount} जमा करें</translation>
    </message>
    <message>
        <source>Collecting…</source>
        <translation>जमा हो रहा है…</translation>
    </message>
    <message>
        <source>Collecting dues</source>
        <translation>बकाया जमा हो रहा है</translation>
    </message>
    <message>
        <source>Collected {amount} — receipt {number}. Balance now {balance}.</source>
        <translation>{amount} जमा हुआ — रसीद {number}। अब बकाया {balance}।</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>हो गया</translation>
    </message>
</context>
<context>
    <name>CollectInline</name>
    <message>
        <source>Collect old dues (no new bill)</source>
        <translation>पुराना बकाया जमा करें (नया बिल नहीं)</translation>
    </message>
    <message>
        <source>Reference (card slip / UPI id), optional</source>
        <translation>संदर्भ (कार्ड स्लिप / UPI आईडी), वैकल्पिक</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>रकम</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>तरीका</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>बंद करें</translation>
    </message>
    <message>
        <source>Collect</source>
        <translation>जमा करें</translation>
    </message>
    <message>
        <source>Collect {amount}</source>
        <translation>{amount} जमा करें</translation>
    </message>
    <message>
        <source>Collecting…</source>
        <translation>जमा हो रहा है…</translation>
    </message>
    <message>
        <source>Collecting dues</source>
        <translation>बकाया जमा हो रहा है</translation>
    </message>
    <message>
        <source>Collected {amount} — receipt {number}. Balance now {balance}.</source>
        <translation>{amount} जमा हुआ — रसीद {number}। अब बकाया {balance}।</translation>
    </message>
</context>
<context>
    <name>CustomerDetailDialog</name>
    <message>
        <source>Customer</source>
        <translation>ग्राहक</translation>
    </message>
    <message>
        <source>Pending: </source>
        <translation>बकाया: </translation>
    </message>
    <message>
        <source>Collect</source>
        <translation>जमा करें</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>याद दिलाएँ</translation>
    </message>
    <message>
        <source>Adjust / write off</source>
        <translation>समायोजन / बट्टे खाते</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>निष्क्रिय करें</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>फिर सक्रिय करें</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>खाता विवरण</translation>
    </message>
    <message>
        <source>Bills</source>
        <translation>बिल</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>भुगतान</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>प्रोफ़ाइल</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>बंद करें</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>कोई सीमा नहीं</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>नाम *</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>फ़ोन</translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation>उधार सीमा</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>टिप्पणी</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>बदलाव सहेजें</translation>
    </message>
    <message>
        <source>Customer — {name}</source>
        <translation>ग्राहक — {name}</translation>
    </message>
    <message>
        <source>  (inactive)</source>
        <translation>  (निष्क्रिय)</translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s)</source>
        <translation>
            <numerusform>%n बार आए</numerusform>
            <numerusform>%n बार आए</numerusform>
        </translation>
    </message>
    <message>
        <source>spent {amount}</source>
        <translation>{amount} ख़र्च</translation>
    </message>
    <message>
        <source>customer since {date}</source>
        <translation>{date} से ग्राहक</translation>
    </message>
    <message>
        <source>No credit limit</source>
        <translation>कोई उधार सीमा नहीं</translation>
    </message>
    <message>
        <source>Available credit: {available} of {limit}</source>
        <translation>बचा उधार: {limit} में से {available}</translation>
    </message>
    <message>
        <source>Oldest due {date} — {days} days overdue ({open_bills} open)</source>
        <translation>सबसे पुराना बकाया {date} — {days} दिन देर ({open_bills} खुले)</translation>
    </message>
    <message>
        <source>Oldest due {date} ({open_bills} open)</source>
        <translation>सबसे पुराना बकाया {date} ({open_bills} खुले)</translation>
    </message>
    <message>
        <source> (the {rows:,} oldest entries are summed in the opening balance)</source>
        <translation> (सबसे पुरानी {rows:,} एंट्रियाँ शुरुआती बकाया में जोड़ी गई हैं)</translation>
    </message>
    <message>
        <source>Opening balance {opening}{hidden} • Closing balance {closing}</source>
        <translation>शुरुआती बकाया {opening}{hidden} • आख़िरी बकाया {closing}</translation>
    </message>
    <message>
        <source>Bills ({bills_total})</source>
        <translation>बिल ({bills_total})</translation>
    </message>
    <message>
        <source>Payments ({count})</source>
        <translation>भुगतान ({count})</translation>
    </message>
    <message>
        <source>Only the owner can change a credit limit</source>
        <translation>उधार सीमा सिर्फ़ मालिक बदल सकते हैं</translation>
    </message>
    <message>
        <source>Collect {amount}</source>
        <translation>{amount} जमा करें</translation>
    </message>
    <message>
        <source>This customer owes money: the owner must approve with their PIN</source>
        <translation>इस ग्राहक पर बकाया है: मालिक को अपने PIN से मंज़ूरी देनी होगी</translation>
    </message>
    <message>
        <source>Adjustment posted.</source>
        <translation>समायोजन दर्ज हुआ।</translation>
    </message>
    <message>
        <source>{name} is now inactive.</source>
        <translation>{name} अब निष्क्रिय है।</translation>
    </message>
    <message>
        <source>Reactivated.</source>
        <translation>फिर सक्रिय हुआ।</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>सहेजा गया।</translation>
    </message>
    <message>
        <source>Reminder copied to the clipboard.</source>
        <translation>याद दिलाने का संदेश क्लिपबोर्ड पर कॉपी हुआ।</translation>
    </message>
    <message>
        <source>Reminder copied to the clipboard (no phone number for WhatsApp).</source>
        <translation>याद दिलाने का संदेश क्लिपबोर्ड पर कॉपी हुआ (WhatsApp के लिए फ़ोन नंबर नहीं है)।</translation>
    </message>
    <message>
        <source>Reminder copied to the clipboard. Offline: paste it into any messenger.</source>
        <translation>याद दिलाने का संदेश क्लिपबोर्ड पर कॉपी हुआ। इंटरनेट नहीं है: किसी भी मैसेंजर में पेस्ट करें।</translation>
    </message>
    <message>
        <source>Send reminder</source>
        <translation>याद दिलाएँ</translation>
    </message>
    <message>
        <source>The reminder is on the clipboard. Open WhatsApp with it?</source>
        <translation>याद दिलाने का संदेश क्लिपबोर्ड पर है। इसके साथ WhatsApp खोलें?</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>Edit customer</source>
        <translation>ग्राहक बदलें</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>नया ग्राहक</translation>
    </message>
    <message>
        <source>Required, e.g. Priya Sharma</source>
        <translation>ज़रूरी, जैसे प्रिया शर्मा</translation>
    </message>
    <message>
        <source>Optional, e.g. 98765 43210</source>
        <translation>वैकल्पिक, जैसे 98765 43210</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>नाम *</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>फ़ोन</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>कोई सीमा नहीं</translation>
    </message>
    <message>
        <source>Business buyers only, e.g. 29ABCDE1234F1Z5</source>
        <translation>सिर्फ़ व्यापारी ख़रीदारों के लिए, जैसे 29ABCDE1234F1Z5</translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation>उधार सीमा</translation>
    </message>
    <message>
        <source>GSTIN</source>
        <translation>GSTIN</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>टिप्पणी</translation>
    </message>
    <message>
        <source>Use existing customer</source>
        <translation>मौजूदा ग्राहक चुनें</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>सहेजें</translation>
    </message>
    <message>
        <source>Name: is required</source>
        <translation>नाम: ज़रूरी है</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>सहेजा जा रहा है…</translation>
    </message>
    <message>
        <source>Use {name}</source>
        <translation>{name} चुनें</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <source>Customer</source>
        <extracomment>A dialog opened here closed: the checkout puts the focus back on item entry.</extracomment>
        <translation>ग्राहक</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>हटाएँ</translation>
    </message>
    <message>
        <source>Collect</source>
        <translation>जमा करें</translation>
    </message>
    <message>
        <source>Collect old dues without a new bill</source>
        <translation>नए बिल के बिना पुराना बकाया जमा करें</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>नया ग्राहक</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <source>New customer</source>
        <translation>नया ग्राहक</translation>
    </message>
    <message>
        <source>{amount_text} would be left pending: pick or create a customer to leave money pending.</source>
        <translation>{amount_text} बकाया रह जाएगा: बकाया छोड़ने के लिए ग्राहक चुनें या नया बनाएँ।</translation>
    </message>
</context>
<context>
    <name>CustomerSearch</name>
    <message>
        <source>Search customer: name or phone digits (F3)</source>
        <translation>ग्राहक खोजें: नाम या फ़ोन के अंक (F3)</translation>
    </message>
    <message>
        <source>No customer matches {term!r}. Use New customer to add one.</source>
        <translation>{term!r} से कोई ग्राहक नहीं मिला। जोड़ने के लिए नया ग्राहक दबाएँ।</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>Customers</source>
        <translation>ग्राहक सूची</translation>
    </message>
    <message>
        <source>Possible duplicates</source>
        <translation>शायद दोहराए गए</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>नया ग्राहक</translation>
    </message>
    <message>
        <source>Total customers</source>
        <translation>कुल ग्राहक</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>सक्रिय</translation>
    </message>
    <message>
        <source>With pending</source>
        <translation>बकाया वाले</translation>
    </message>
    <message>
        <source>Total pending</source>
        <translation>कुल बकाया</translation>
    </message>
    <message>
        <source>Average pending</source>
        <translation>औसत बकाया</translation>
    </message>
    <message>
        <source>Search name or phone digits…</source>
        <translation>नाम या फ़ोन के अंक खोजें…</translation>
    </message>
    <message>
        <source>{shown} of {total}</source>
        <translation>{total} में से {shown}</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n ग्राहक</numerusform>
            <numerusform>%n ग्राहक</numerusform>
        </translation>
    </message>
    <message>
        <source>No customer matches “{term}”.</source>
        <translation>“{term}” से कोई ग्राहक नहीं मिला।</translation>
    </message>
</context>
<context>
    <name>DamagedDatabaseDialog</name>
    <message>
        <source>The shop&apos;s database is damaged</source>
        <extracomment>The last start-up backup thread (tests wait on it). Files up to this size get the full ``PRAGMA quick_check`` before the window opens (well under a second). A bigger book (years of trading) gets ``backup.light_check`` first, so the till opens at once, and the full check on a background thread (``BackgroundCheck``).</extracomment>
        <translation>दुकान का डेटाबेस ख़राब है</translation>
    </message>
    <message>
        <source>&lt;h2&gt;possuite cannot use the shop&apos;s database as it is&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;possuite दुकान के डेटाबेस को इस हालत में इस्तेमाल नहीं कर सकता&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>The file &lt;b&gt;{path}&lt;/b&gt; failed its start-up check, so possuite has not opened it (working on a damaged file could lose more). This usually follows a power cut, a full disk or a failing disk.&lt;br&gt;&lt;br&gt;What the check found: &lt;i&gt;{html}&lt;/i&gt;</source>
        <translation>फ़ाइल &lt;b&gt;{path}&lt;/b&gt; शुरुआती जाँच में फ़ेल हुई, इसलिए possuite ने उसे नहीं खोला (ख़राब फ़ाइल पर काम करने से और नुकसान हो सकता है)। ऐसा अक्सर बिजली जाने, डिस्क भर जाने या डिस्क ख़राब होने के बाद होता है।&lt;br&gt;&lt;br&gt;जाँच में मिला: &lt;i&gt;{html}&lt;/i&gt;</translation>
    </message>
    <message numerus="yes">
        <source> (and %n more)</source>
        <translation>
            <numerusform> (और %n)</numerusform>
            <numerusform> (और %n)</numerusform>
        </translation>
    </message>
    <message>
        <source>The newest good backup was taken &lt;b&gt;{when}&lt;/b&gt; ({size}, {name}). Restoring it brings back the book as it was then; anything recorded after that must be entered again. The damaged file is kept among the backups, not deleted.</source>
        <translation>सबसे नया सही बैकअप &lt;b&gt;{when}&lt;/b&gt; को लिया गया था ({size}, {name})। इसे वापस लाने पर खाता उस समय जैसा हो जाएगा; उसके बाद दर्ज हुई हर चीज़ फिर से डालनी होगी। ख़राब फ़ाइल मिटाई नहीं जाती, बैकअप में रखी जाती है।</translation>
    </message>
    <message>
        <source>No good backup was found in {backups_dir}. If you have a copy elsewhere (a USB stick), choose it below. Otherwise keep the damaged file safe and ask for help.</source>
        <translation>{backups_dir} में कोई सही बैकअप नहीं मिला। अगर कहीं और कॉपी है (USB स्टिक), तो नीचे चुनें। नहीं तो ख़राब फ़ाइल सँभालकर रखें और मदद लें।</translation>
    </message>
    <message>
        <source>Restore this backup</source>
        <translation>यह बैकअप वापस लाएँ</translation>
    </message>
    <message>
        <source>Choose another backup…</source>
        <translation>दूसरा बैकअप चुनें…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>बाहर निकलें</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>बैकअप चुनें</translation>
    </message>
    <message>
        <source>possuite backup (*.sqlite3);;All files (*)</source>
        <translation>possuite बैकअप (*.sqlite3);;सभी फ़ाइलें (*)</translation>
    </message>
    <message>
        <source>Checking {name} and restoring it…</source>
        <translation>{name} की जाँच करके वापस लाया जा रहा है…</translation>
    </message>
    <message>
        <source>The restore failed ({kind}: {error}); nothing was changed. Details are in the log.</source>
        <translation>वापस लाना नहीं हो पाया ({kind}: {error}); कुछ नहीं बदला। ब्योरा लॉग में है।</translation>
    </message>
</context>
<context>
    <name>DeactivateDialog</name>
    <message>
        <source>Deactivate {name}</source>
        <translation>{name} को निष्क्रिय करें</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>निष्क्रिय करें</translation>
    </message>
    <message>
        <source>{name} will no longer appear in the customer search at the till. Their bills, payments and statement stay.</source>
        <translation>{name} अब काउंटर पर ग्राहक खोज में नहीं दिखेंगे। उनके बिल, भुगतान और खाता विवरण बने रहेंगे।</translation>
    </message>
    <message>
        <source>Keep the {amount} dues visible (still owed)</source>
        <translation>{amount} का बकाया दिखता रहे (अभी भी देना है)</translation>
    </message>
    <message>
        <source>Write off the {amount} dues</source>
        <translation>{amount} का बकाया बट्टे खाते डालें</translation>
    </message>
    <message>
        <source>{name} owes {amount}.</source>
        <translation>{name} पर {amount} बकाया है।</translation>
    </message>
    <message>
        <source>Only the owner can deactivate a customer who owes. Ask the owner to type their PIN.</source>
        <translation>बकाया वाले ग्राहक को सिर्फ़ मालिक निष्क्रिय कर सकते हैं। मालिक से उनका PIN टाइप करवाएँ।</translation>
    </message>
    <message>
        <source>e.g. moved away (required to write off)</source>
        <translation>जैसे शहर छोड़ दिया (बट्टे खाते के लिए ज़रूरी)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>कारण</translation>
    </message>
</context>
<context>
    <name>DiagnosticsTab</name>
    <message>
        <source>How fast this till is</source>
        <translation>यह काउंटर कितना तेज़ है</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>ताज़ा करें</translation>
    </message>
    <message>
        <source>Every checkout, collection and report is timed, and the times are kept beside the log. Figures are over each operation&apos;s last 200 runs; 95% means 19 runs in 20 were faster.</source>
        <translation>हर बिक्री, वसूली और रिपोर्ट का समय नापा जाता है, और समय लॉग के पास रखे जाते हैं। आँकड़े हर काम के पिछले 200 बार के हैं; 95% का मतलब है 20 में से 19 बार इससे तेज़।</translation>
    </message>
    <message>
        <source>Slowest operations</source>
        <translation>सबसे धीमे काम</translation>
    </message>
    <message>
        <source>Nothing timed yet: the figures appear after the first sale, collection or report.</source>
        <translation>अभी कुछ नहीं नापा गया: आँकड़े पहली बिक्री, वसूली या रिपोर्ट के बाद दिखेंगे।</translation>
    </message>
    <message>
        <source>From this session and the timings kept in {folder}</source>
        <translation>इस सत्र से और {folder} में रखे समय से</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>Possible duplicates</source>
        <translation>शायद दोहराए गए</translation>
    </message>
    <message>
        <source>Customers with the same phone, or the same name and a phone one slip apart — often one person added at two tills. Merging keeps both histories; what the merged customer owes moves onto the one kept, and the merged customer is deactivated.</source>
        <translation>एक ही फ़ोन वाले ग्राहक, या एक ही नाम और एक अंक के फ़र्क वाले फ़ोन — अक्सर एक ही व्यक्ति दो काउंटरों पर जोड़ा गया। मिलाने पर दोनों का इतिहास रहता है; मिलाए गए ग्राहक का बकाया रखे गए ग्राहक पर चला जाता है, और मिलाया गया ग्राहक निष्क्रिय हो जाता है।</translation>
    </message>
    <message>
        <source>No likely duplicates.</source>
        <translation>कोई दोहराया ग्राहक नहीं लगता।</translation>
    </message>
    <message>
        <source>Reason (optional): e.g. one person, added at two tills</source>
        <translation>कारण (वैकल्पिक): जैसे एक ही व्यक्ति, दो काउंटरों पर जोड़ा गया</translation>
    </message>
    <message>
        <source>Swap</source>
        <translation>अदला-बदली</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>मिलाएँ</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>बंद करें</translation>
    </message>
    <message>
        <source>Merge “{other}” into “{name}”</source>
        <translation>“{other}” को “{name}” में मिलाएँ</translation>
    </message>
    <message>
        <source>Merging customers</source>
        <translation>ग्राहक मिलाए जा रहे हैं</translation>
    </message>
    <message>
        <source>; {amount} moved ({documents})</source>
        <translation>; {amount} ले जाया गया ({documents})</translation>
    </message>
    <message>
        <source>Merged {merged} into {keep}{moved}. Balance of {keep}: {amount}.</source>
        <translation>{merged} को {keep} में मिलाया{moved}। {keep} का बकाया: {amount}।</translation>
    </message>
</context>
<context>
    <name>EditItemDialog</name>
    <message>
        <source>Edit item</source>
        <translation>सामान बदलें</translation>
    </message>
    <message>
        <source>HSN 4/6/8 digits or SAC 99xxxx; empty: none</source>
        <translation>HSN 4/6/8 अंक या SAC 99xxxx; ख़ाली: कोई नहीं</translation>
    </message>
    <message>
        <source>e.g. 18 (percent)</source>
        <translation>जैसे 18 (प्रतिशत)</translation>
    </message>
    <message>
        <source>compensation cess, e.g. 12 (percent); empty: none</source>
        <translation>क्षतिपूर्ति उपकर, जैसे 12 (प्रतिशत); खाली: कोई नहीं</translation>
    </message>
    <message>
        <source>HSN/SAC</source>
        <translation>HSN/SAC</translation>
    </message>
    <message>
        <source>GST %</source>
        <translation>GST %</translation>
    </message>
    <message>
        <source>Cess %</source>
        <translation>उपकर %</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>सहेजें</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>सहेजा जा रहा है…</translation>
    </message>
</context>
<context>
    <name>HeldCartsDialog</name>
    <message>
        <source>Held carts</source>
        <translation>रोके गए कार्ट</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>हटा दें</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>बंद करें</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>वापस लाएँ</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>खुल रहा है…</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n सामान</numerusform>
            <numerusform>%n सामान</numerusform>
        </translation>
    </message>
    <message>
        <source>held {time} by {user}</source>
        <translation>{time} पर {user} ने रोका</translation>
    </message>
    <message>
        <source>No carts are held.</source>
        <translation>कोई कार्ट रुका हुआ नहीं है।</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>possuite — {store}</source>
        <translation>possuite — {store}</translation>
    </message>
    <message>
        <source>Locked — sign in to continue</source>
        <translation>लॉक है — आगे बढ़ने के लिए साइन इन करें</translation>
    </message>
    <message>
        <source>Who is at the till?</source>
        <translation>काउंटर पर कौन है?</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>भाषा</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>बाहर निकलें</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>साइन इन</translation>
    </message>
    <message>
        <source>{name}   ({role})</source>
        <translation>{name}   ({role})</translation>
    </message>
    <message>
        <source>User: pick who you are first</source>
        <translation>यूज़र: पहले चुनें कि आप कौन हैं</translation>
    </message>
    <message>
        <source>PIN: type your PIN</source>
        <translation>PIN: अपना PIN टाइप करें</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>जाँच हो रही है…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>possuite — back office — {store} on {hub}</source>
        <extracomment>The owner&apos;s back office on the hub: reads every store, never sells.</extracomment>
        <translation>possuite — बैक ऑफ़िस — {hub} पर {store}</translation>
    </message>
    <message>
        <source>possuite — {store}</source>
        <translation>possuite — {store}</translation>
    </message>
    <message>
        <source>Back office</source>
        <translation>बैक ऑफ़िस</translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation>यूज़र बदलें</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>लॉक करें</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>ताज़ा करें</translation>
    </message>
    <message>
        <source>Reads the stores on the hub. It never sells: there is no checkout here.</source>
        <translation>हब पर दुकानों का हिसाब पढ़ता है। यहाँ बिक्री नहीं होती: यहाँ बिलिंग नहीं है।</translation>
    </message>
    <message>
        <source>All stores</source>
        <translation>सभी दुकानें</translation>
    </message>
    <message>
        <source>Hub: {hub} · read-only · nothing is sold here: sales are made at the tills</source>
        <translation>हब: {hub} · सिर्फ़ पढ़ने के लिए · यहाँ कुछ नहीं बिकता: बिक्री काउंटरों पर होती है</translation>
    </message>
    <message>
        <source>Database: {file}</source>
        <translation>डेटाबेस: {file}</translation>
    </message>
    <message>
        <source>Database: in memory</source>
        <translation>डेटाबेस: मेमोरी में</translation>
    </message>
    <message>
        <source>Printer: …</source>
        <translation>प्रिंटर: …</translation>
    </message>
    <message>
        <source>User: {name} ({role})</source>
        <translation>यूज़र: {name} ({role})</translation>
    </message>
    <message>
        <source>Opening the store</source>
        <translation>दुकान खुल रही है</translation>
    </message>
    <message>
        <source>Reading the hub</source>
        <translation>हब पढ़ा जा रहा है</translation>
    </message>
    <message>
        <source>Printer: {exc}</source>
        <translation>प्रिंटर: {exc}</translation>
    </message>
    <message>
        <source>Hub {hub}, till {till}</source>
        <translation>हब {hub}, काउंटर {till}</translation>
    </message>
    <message>
        <source>Printer: {state}</source>
        <translation>प्रिंटर: {state}</translation>
    </message>
    <message>
        <source>Checkout</source>
        <extracomment>In English; the main window shows it translated (context &quot;MainWindow&quot;).</extracomment>
        <translation>बिलिंग</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>शिफ़्ट</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>ग्राहक सूची</translation>
    </message>
    <message>
        <source>Bills</source>
        <translation>बिल</translation>
    </message>
    <message>
        <source>Balances</source>
        <translation>बकाया सूची</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>रिपोर्ट</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>सेटिंग्स</translation>
    </message>
</context>
<context>
    <name>NewItemDialog</name>
    <message>
        <source>New item</source>
        <translation>नया सामान</translation>
    </message>
    <message>
        <source>e.g. Hair spa</source>
        <translation>जैसे हेयर स्पा</translation>
    </message>
    <message>
        <source>e.g. 450</source>
        <translation>जैसे 450</translation>
    </message>
    <message>
        <source>optional, e.g. SPA</source>
        <translation>वैकल्पिक, जैसे SPA</translation>
    </message>
    <message>
        <source>optional: scan it here</source>
        <translation>वैकल्पिक: यहाँ स्कैन करें</translation>
    </message>
    <message>
        <source>e.g. 18 (percent), optional</source>
        <translation>जैसे 18 (प्रतिशत), वैकल्पिक</translation>
    </message>
    <message>
        <source>HSN 4/6/8 digits or SAC 99xxxx, optional</source>
        <translation>HSN 4/6/8 अंक या SAC 99xxxx, वैकल्पिक</translation>
    </message>
    <message>
        <source>compensation cess, e.g. 12 (percent), optional</source>
        <translation>क्षतिपूर्ति उपकर, जैसे 12 (प्रतिशत), वैकल्पिक</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>सेवा</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>सामान</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>नाम *</translation>
    </message>
    <message>
        <source>Price *</source>
        <translation>दाम *</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>बारकोड</translation>
    </message>
    <message>
        <source>Tax %</source>
        <translation>कर %</translation>
    </message>
    <message>
        <source>HSN/SAC</source>
        <translation>HSN/SAC</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>प्रकार</translation>
    </message>
    <message>
        <source>Cess %</source>
        <translation>उपकर %</translation>
    </message>
    <message>
        <source>Save and add</source>
        <translation>सहेजें और जोड़ें</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>सहेजा जा रहा है…</translation>
    </message>
</context>
<context>
    <name>OpenItemDialog</name>
    <message>
        <source>Other amount</source>
        <translation>दूसरी रकम</translation>
    </message>
    <message>
        <source>e.g. Hair spa</source>
        <translation>जैसे हेयर स्पा</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>सेवा</translation>
    </message>
    <message>
        <source>e.g. 450</source>
        <translation>जैसे 450</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>विवरण</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>रकम</translation>
    </message>
    <message>
        <source>Add to cart</source>
        <translation>कार्ट में जोड़ें</translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <source>Open a shift</source>
        <translation>शिफ़्ट खोलें</translation>
    </message>
    <message>
        <source>Count the cash in the drawer before the first sale.</source>
        <translation>पहली बिक्री से पहले गल्ले का नकद गिनें।</translation>
    </message>
    <message>
        <source>Opening float</source>
        <translation>शुरुआती नकद</translation>
    </message>
    <message>
        <source>Open shift</source>
        <translation>शिफ़्ट खोलें</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Opening the shift…</source>
        <translation>शिफ़्ट खुल रही है…</translation>
    </message>
</context>
<context>
    <name>OwnerActionDialog</name>
    <message>
        <source>Owner&apos;s PIN</source>
        <translation>मालिक का PIN</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Owner PIN *</source>
        <translation>मालिक का PIN *</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>काम हो रहा है…</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Payment</source>
        <extracomment>A bill was posted (SaleResult). The customer changed here (picked, created, or their balance after Collect Now). The bill discount typed here (a valid ``Discount``): the cart keeps it, so cancelling and reopening the dialog shows it again until the sale completes or the cart is cleared.</extracomment>
        <translation>भुगतान</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>देय रकम</translation>
    </message>
    <message>
        <source>Bill discount</source>
        <translation>बिल पर छूट</translation>
    </message>
    <message>
        <source>amount or %, e.g. 50 or 10%</source>
        <translation>रकम या %, जैसे 50 या 10%</translation>
    </message>
    <message>
        <source>Collect Now</source>
        <translation>अभी जमा करें</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>भुगतान</translation>
    </message>
    <message>
        <source>Give change instead of settling the previous balance</source>
        <translation>पिछला बकाया चुकाने के बजाय खुले पैसे लौटाएँ</translation>
    </message>
    <message>
        <source>Change: </source>
        <translation>खुले पैसे: </translation>
    </message>
    <message>
        <source>Note, e.g. Family member — will pay next month</source>
        <translation>टिप्पणी, जैसे परिवार के सदस्य — अगले महीने देंगे</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>टिप्पणी</translation>
    </message>
    <message>
        <source>Pending due by</source>
        <translation>बकाया देने की तारीख</translation>
    </message>
    <message>
        <source>Owner override…</source>
        <translation>मालिक की मंज़ूरी…</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>रद्द करें (Esc)</translation>
    </message>
    <message>
        <source>Complimentary</source>
        <translation>मुफ़्त सेवा</translation>
    </message>
    <message>
        <source>Complete Bill (No Payment)</source>
        <translation>बिल पूरा करें (भुगतान नहीं)</translation>
    </message>
    <message>
        <source>Complete Bill (Pending)</source>
        <translation>बिल पूरा करें (बकाया)</translation>
    </message>
    <message>
        <source>Complete (Enter)</source>
        <translation>पूरा करें (Enter)</translation>
    </message>
    <message>
        <source>−{discount} ({percent} of {subtotal})</source>
        <translation>−{discount} ({subtotal} का {percent})</translation>
    </message>
    <message>
        <source> — over the cashiers&apos; limit of {limit}: the owner&apos;s PIN is needed</source>
        <translation> — कैशियर की सीमा {limit} से ज़्यादा: मालिक का PIN चाहिए</translation>
    </message>
    <message>
        <source>Walk-in customer (no account)</source>
        <translation>राह चलते ग्राहक (खाता नहीं)</translation>
    </message>
    <message>
        <source>Customer: &lt;b&gt;{name}&lt;/b&gt;{phone}</source>
        <translation>ग्राहक: &lt;b&gt;{name}&lt;/b&gt;{phone}</translation>
    </message>
    <message>
        <source>Customer has pending balance: {amount}</source>
        <translation>ग्राहक पर बकाया है: {amount}</translation>
    </message>
    <message>
        <source>{amount} to this bill</source>
        <translation>{amount} इस बिल में</translation>
    </message>
    <message>
        <source>{amount} to previous balance</source>
        <translation>{amount} पिछले बकाया में</translation>
    </message>
    <message>
        <source>{amount} kept as credit</source>
        <translation>{amount} जमा-राशि के रूप में रखा</translation>
    </message>
    <message>
        <source>{amount} from earlier credit</source>
        <translation>{amount} पहले की जमा-राशि से</translation>
    </message>
    <message>
        <source>change {amount}</source>
        <translation>खुले पैसे {amount}</translation>
    </message>
    <message>
        <source>Complete Bill (Pending: {money})</source>
        <translation>बिल पूरा करें (बकाया: {money})</translation>
    </message>
    <message>
        <source>Completing…</source>
        <translation>पूरा हो रहा है…</translation>
    </message>
    <message>
        <source>Completing the sale</source>
        <translation>बिक्री पूरी हो रही है</translation>
    </message>
    <message>
        <source>The sale was not saved</source>
        <translation>बिक्री सहेजी नहीं गई</translation>
    </message>
    <message>
        <source>Complimentary service</source>
        <translation>मुफ़्त सेवा</translation>
    </message>
    <message>
        <source>The bill ({value}) is given free: the customer pays {zero} and owes nothing for it. An owner must authorise it with their PIN.</source>
        <translation>बिल ({value}) मुफ़्त दिया गया: ग्राहक {zero} देंगे और इसका कुछ बकाया नहीं रहेगा। मालिक को अपने PIN से मंज़ूरी देनी होगी।</translation>
    </message>
    <message>
        <source>The bill ({value}) is given free: the customer pays {zero} and owes nothing for it.</source>
        <translation>बिल ({value}) मुफ़्त दिया गया: ग्राहक {zero} देंगे और इसका कुछ बकाया नहीं रहेगा।</translation>
    </message>
    <message>
        <source>Complete complimentary</source>
        <translation>मुफ़्त सेवा पूरी करें</translation>
    </message>
    <message>
        <source>Discount over the limit</source>
        <translation>सीमा से ज़्यादा छूट</translation>
    </message>
    <message>
        <source>Credit-limit override</source>
        <translation>उधार सीमा से ऊपर मंज़ूरी</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>कारण (वैकल्पिक)</translation>
    </message>
    <message>
        <source>Authorise</source>
        <translation>मंज़ूरी दें</translation>
    </message>
</context>
<context>
    <name>PendingLabel</name>
    <message>
        <source>Pending: </source>
        <extracomment>None: the translated &quot;Pending: &quot; of the screen&apos;s language at each change.</extracomment>
        <translation>बकाया: </translation>
    </message>
    <message>
        <source>Credit: {amount}</source>
        <translation>जमा-राशि: {amount}</translation>
    </message>
</context>
<context>
    <name>PrintersTab</name>
    <message>
        <source>Receipt printers</source>
        <translation>रसीद प्रिंटर</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>टेस्ट प्रिंट</translation>
    </message>
    <message>
        <source>Make default</source>
        <translation>मुख्य बनाएँ</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>हटाएँ</translation>
    </message>
    <message>
        <source>What the test print says at the selected printer&apos;s width:</source>
        <translation>चुने गए प्रिंटर की चौड़ाई पर टेस्ट प्रिंट में यह छपेगा:</translation>
    </message>
    <message>
        <source>Add a printer</source>
        <translation>प्रिंटर जोड़ें</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>काउंटर</translation>
    </message>
    <message>
        <source>80 mm, 42 columns</source>
        <translation>80 mm, 42 कॉलम</translation>
    </message>
    <message>
        <source>80 mm, 48 columns</source>
        <translation>80 mm, 48 कॉलम</translation>
    </message>
    <message>
        <source>58 mm, 32 columns</source>
        <translation>58 mm, 32 कॉलम</translation>
    </message>
    <message>
        <source>₹ as a picture (recommended)</source>
        <translation>₹ चित्र के रूप में (सुझाया गया)</translation>
    </message>
    <message>
        <source>Rs. in plain text</source>
        <translation>Rs. सादे अक्षरों में</translation>
    </message>
    <message>
        <source>Use for receipts (default printer)</source>
        <translation>रसीदों के लिए इस्तेमाल करें (मुख्य प्रिंटर)</translation>
    </message>
    <message>
        <source>Open the cash drawer on cash sales</source>
        <translation>नकद बिक्री पर गल्ला खोलें</translation>
    </message>
    <message>
        <source>Add printer</source>
        <translation>प्रिंटर जोड़ें</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>नाम</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>कनेक्शन</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>पता</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>कागज़</translation>
    </message>
    <message>
        <source>Rupee sign</source>
        <translation>रुपये का चिह्न</translation>
    </message>
    <message>
        <source>Model profile</source>
        <translation>मॉडल प्रोफ़ाइल</translation>
    </message>
    <message>
        <source>Print queue</source>
        <translation>छपाई की कतार</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>अभी फिर कोशिश करें</translation>
    </message>
    <message>
        <source>Receipt templates</source>
        <translation>रसीद के साँचे</translation>
    </message>
    <message>
        <source>no folder (the database is not a file)</source>
        <translation>कोई फ़ोल्डर नहीं (डेटाबेस फ़ाइल नहीं है)</translation>
    </message>
    <message>
        <source>What a receipt says comes from sale.j2 and collection.j2 in
{where}</source>
        <translation>रसीद में क्या छपेगा, यह इस जगह की sale.j2 और collection.j2 से आता है:
{where}</translation>
    </message>
    <message>
        <source>Open receipt templates folder</source>
        <translation>रसीद के साँचों का फ़ोल्डर खोलें</translation>
    </message>
    <message>
        <source>Could not open {templates_folder}; open it in the file manager.</source>
        <translation>{templates_folder} नहीं खुला; फ़ाइल मैनेजर में खोलें।</translation>
    </message>
    <message>
        <source>{width} columns</source>
        <translation>{width} कॉलम</translation>
    </message>
    <message>
        <source>picture</source>
        <translation>चित्र</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>हाँ</translation>
    </message>
    <message>
        <source>Last error: {error}</source>
        <translation>पिछली गड़बड़ी: {error}</translation>
    </message>
    <message>
        <source>Adding the printer…</source>
        <translation>प्रिंटर जोड़ा जा रहा है…</translation>
    </message>
    <message>
        <source>Added {name} ({target}). Press Test print to check it.</source>
        <translation>{name} ({target}) जोड़ा गया। जाँचने के लिए टेस्ट प्रिंट दबाएँ।</translation>
    </message>
    <message>
        <source>Sending a test receipt to {name}…</source>
        <translation>{name} को टेस्ट रसीद भेजी जा रही है…</translation>
    </message>
    <message>
        <source>Test print on {name}…</source>
        <translation>{name} पर टेस्ट प्रिंट…</translation>
    </message>
    <message>
        <source>Test receipt sent to {name}. It should show ₹808.00 and PENDING BALANCE: ₹600.00 in large letters.</source>
        <translation>{name} को टेस्ट रसीद भेजी गई। उसमें ₹808.00 और बड़े अक्षरों में PENDING BALANCE: ₹600.00 दिखना चाहिए।</translation>
    </message>
    <message>
        <source>Removed {name}.</source>
        <translation>{name} हटाया गया।</translation>
    </message>
    <message>
        <source>Retrying waiting receipts…</source>
        <translation>रुकी हुई रसीदें फिर छापी जा रही हैं…</translation>
    </message>
    <message>
        <source>{printed} of {count} waiting receipts printed. {message}</source>
        <translation>{count} रुकी हुई रसीदों में से {printed} छपीं। {message}</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <extracomment>The language the source strings are written in (no translator installed). Each language&apos;s name as its readers write it (the login&apos;s language picker): ``i18n.LANGUAGES``.</extracomment>
        <translation>ठीक है</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>हाँ</translation>
    </message>
    <message>
        <source>No</source>
        <translation>नहीं</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>बंद करें</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>सहेजें</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>लागू करें</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>पहले जैसा करें</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>हटा दें</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>फिर कोशिश करें</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>अनदेखा करें</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>खोलें</translation>
    </message>
</context>
<context>
    <name>QWizard</name>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;पीछे</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;आगे &gt;</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;पूरा करें</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;आगे</translation>
    </message>
    <message>
        <source>Go Back</source>
        <translation>पीछे जाएँ</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>जारी रखें</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>पक्का करें</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>हो गया</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>मदद</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation>रिपोर्ट</translation>
    </message>
    <message>
        <source>Choose the period (and a customer where it applies), then the report. Files are written in the background and opened when ready.</source>
        <translation>अवधि चुनें (और जहाँ लागू हो वहाँ ग्राहक), फिर रिपोर्ट। फ़ाइलें पीछे बनती हैं और तैयार होने पर खुल जाती हैं।</translation>
    </message>
    <message>
        <source>to</source>
        <translation>तक</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>अवधि</translation>
    </message>
    <message>
        <source>Name or phone (optional, required for a statement)</source>
        <translation>नाम या फ़ोन (वैकल्पिक, खाता विवरण के लिए ज़रूरी)</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>ग्राहक</translation>
    </message>
    <message>
        <source>Day (Z report)</source>
        <translation>दिन (Z रिपोर्ट)</translation>
    </message>
    <message>
        <source>Payment report (PDF)</source>
        <translation>भुगतान रिपोर्ट (PDF)</translation>
    </message>
    <message>
        <source>Every invoice of the period with its items, payments, paid and remaining; totals that match.</source>
        <translation>अवधि का हर बिल, उसके सामान, भुगतान, चुकाया और बाकी के साथ; मेल खाते कुल।</translation>
    </message>
    <message>
        <source>Customer statement (PDF)</source>
        <translation>ग्राहक खाता विवरण (PDF)</translation>
    </message>
    <message>
        <source>Opening balance, every movement with running balance, closing balance, aging and a UPI QR.</source>
        <translation>शुरुआती बकाया, चलते बकाया के साथ हर लेन-देन, आख़िरी बकाया, पुरानापन और एक UPI QR।</translation>
    </message>
    <message>
        <source>Day-end Z report (PDF)</source>
        <translation>दिन के अंत की Z रिपोर्ट (PDF)</translation>
    </message>
    <message>
        <source>Bills, sales, tax, complimentary value, tenders, dues collected, voids and expected cash for the day.</source>
        <translation>दिन के बिल, बिक्री, कर, मुफ़्त सेवा की कीमत, भुगतान, जमा हुआ बकाया, रद्द बिल और अपेक्षित नकद।</translation>
    </message>
    <message>
        <source>Balances (CSV)</source>
        <translation>बकाया सूची (CSV)</translation>
    </message>
    <message>
        <source>Every customer who owes with aging buckets, open bills, oldest due.</source>
        <translation>हर बकायेदार ग्राहक, पुरानेपन के खाने, खुले बिल, सबसे पुराना बकाया।</translation>
    </message>
    <message>
        <source>Balances (PDF)</source>
        <translation>बकाया सूची (PDF)</translation>
    </message>
    <message>
        <source>The same with the summary and the aging chart.</source>
        <translation>वही, सारांश और पुरानेपन के चार्ट के साथ।</translation>
    </message>
    <message>
        <source>Bills (CSV)</source>
        <translation>बिल (CSV)</translation>
    </message>
    <message>
        <source>Bills of the period (optionally one customer).</source>
        <translation>अवधि के बिल (चाहें तो एक ग्राहक के)।</translation>
    </message>
    <message>
        <source>Payments (CSV)</source>
        <translation>भुगतान (CSV)</translation>
    </message>
    <message>
        <source>Payments and collections of the period (optionally one customer).</source>
        <translation>अवधि के भुगतान और वसूली (चाहें तो एक ग्राहक के)।</translation>
    </message>
    <message>
        <source>GST return GSTR-1 (CSV)</source>
        <translation>GST रिटर्न GSTR-1 (CSV)</translation>
    </message>
    <message>
        <source>The period&apos;s b2b, b2cs, cdnr and HSN summary, one file per section with the offline tool&apos;s columns, into a folder you choose.</source>
        <translation>अवधि का b2b, b2cs, cdnr और HSN सारांश, हर हिस्से की एक फ़ाइल ऑफ़लाइन टूल के कॉलमों के साथ, आपके चुने फ़ोल्डर में।</translation>
    </message>
    <message>
        <source>GST return (JSON)</source>
        <translation>GST रिटर्न (JSON)</translation>
    </message>
    <message>
        <source>The same sections and the totals in one file.</source>
        <translation>वही हिस्से और कुल, एक फ़ाइल में।</translation>
    </message>
    <message>
        <source>GST summary</source>
        <translation>GST सारांश</translation>
    </message>
    <message>
        <source>Show the period&apos;s taxable value, CGST, SGST, IGST and credit notes here.</source>
        <translation>अवधि का कर-योग्य मूल्य, CGST, SGST, IGST और क्रेडिट नोट यहीं दिखाएँ।</translation>
    </message>
    <message>
        <source>Payment report</source>
        <translation>भुगतान रिपोर्ट</translation>
    </message>
    <message>
        <source>Customer statement</source>
        <translation>ग्राहक खाता विवरण</translation>
    </message>
    <message>
        <source>Z report</source>
        <translation>Z रिपोर्ट</translation>
    </message>
    <message>
        <source>Balances CSV</source>
        <translation>बकाया सूची CSV</translation>
    </message>
    <message>
        <source>Balances PDF</source>
        <translation>बकाया सूची PDF</translation>
    </message>
    <message>
        <source>Bills CSV</source>
        <translation>बिल CSV</translation>
    </message>
    <message>
        <source>Payments CSV</source>
        <translation>भुगतान CSV</translation>
    </message>
    <message>
        <source>GST return</source>
        <translation>GST रिटर्न</translation>
    </message>
    <message>
        <source>GST return JSON</source>
        <translation>GST रिटर्न JSON</translation>
    </message>
    <message>
        <source>Reading the GST figures…</source>
        <translation>GST के आँकड़े पढ़े जा रहे हैं…</translation>
    </message>
    <message>
        <source>GST {start} to {end}</source>
        <translation>GST {start} से {end} तक</translation>
    </message>
    <message>
        <source>Folder for the {title} files</source>
        <translation>{title} फ़ाइलों के लिए फ़ोल्डर</translation>
    </message>
    <message>
        <source>Save {title}</source>
        <translation>{title} सहेजें</translation>
    </message>
    <message>
        <source>Writing {title}…</source>
        <translation>{title} बन रही है…</translation>
    </message>
    <message>
        <source>{title} failed: {error_text}</source>
        <translation>{title} नहीं बन पाई: {error_text}</translation>
    </message>
    <message>
        <source>Saved {title}: {result}</source>
        <translation>{title} सहेजी गई: {result}</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return from bill {number}</source>
        <extracomment>thousandths per step of each line&apos;s spin box: a piece or tablet (1000), or a gram of a kilogram (1)</extracomment>
        <translation>बिल {number} से वापसी</translation>
    </message>
    <message>
        <source>Loading the bill…</source>
        <translation>बिल खुल रहा है…</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>पैसे वापसी</translation>
    </message>
    <message>
        <source>e.g. damaged, wrong size, service not done</source>
        <translation>जैसे टूटा हुआ, गलत साइज़, सेवा नहीं हुई</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>कारण *</translation>
    </message>
    <message>
        <source>Owner&apos;s PIN</source>
        <translation>मालिक का PIN</translation>
    </message>
    <message>
        <source>Owner PIN *</source>
        <translation>मालिक का PIN *</translation>
    </message>
    <message>
        <source>Credit: </source>
        <translation>जमा-राशि: </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Return and print credit note</source>
        <translation>वापसी करें और क्रेडिट नोट छापें</translation>
    </message>
    <message>
        <source>Walk-in customer</source>
        <translation>राह चलते ग्राहक</translation>
    </message>
    <message>
        <source>total {amount}</source>
        <translation>कुल {amount}</translation>
    </message>
    <message>
        <source>pending {amount} (a return lowers it first)</source>
        <translation>बकाया {amount} (वापसी पहले इसे घटाती है)</translation>
    </message>
    <message>
        <source>complimentary: nothing is refunded</source>
        <translation>मुफ़्त सेवा: कुछ वापस नहीं होगा</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>सामान</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>बिका</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>वापस आया</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>रकम</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>वापसी</translation>
    </message>
    <message>
        <source>Nothing (complimentary bill)</source>
        <translation>कुछ नहीं (मुफ़्त सेवा का बिल)</translation>
    </message>
    <message>
        <source>This bill is older than {return_days} day(s): an owner must authorise the return.</source>
        <translation>यह बिल {return_days} दिन से पुराना है: वापसी के लिए मालिक की मंज़ूरी चाहिए।</translation>
    </message>
    <message>
        <source>{number} is void; a void bill cannot be returned.</source>
        <translation>{number} रद्द है; रद्द बिल की वापसी नहीं हो सकती।</translation>
    </message>
    <message>
        <source>Everything on {number} has been returned already.</source>
        <translation>{number} का सारा सामान पहले ही वापस हो चुका है।</translation>
    </message>
    <message>
        <source>Choose how many of each line come back.</source>
        <translation>हर सामान की कितनी मात्रा वापस आ रही है, चुनें।</translation>
    </message>
    <message>
        <source>Value {amount} comes back; the bill was complimentary, so nothing is refunded.</source>
        <translation>{amount} की कीमत का सामान वापस आया; बिल मुफ़्त सेवा का था, इसलिए कुछ वापस नहीं होगा।</translation>
    </message>
    <message>
        <source>{amount} off the bill&apos;s pending</source>
        <translation>{amount} बिल के बकाया में से कम</translation>
    </message>
    <message>
        <source>{amount} to the account (settles older dues first, the rest stays as credit)</source>
        <translation>{amount} खाते में (पहले पुराना बकाया चुकता होगा, बाकी जमा-राशि रहेगा)</translation>
    </message>
    <message>
        <source>refund {amount} by {method}</source>
        <translation>{method} से {amount} वापस</translation>
    </message>
    <message>
        <source> (tax reversed {amount})</source>
        <translation> (कर {amount} वापस)</translation>
    </message>
    <message>
        <source>Reason: is required for a return</source>
        <translation>कारण: वापसी के लिए ज़रूरी है</translation>
    </message>
    <message>
        <source>Owner PIN: is required; ask the owner to type it</source>
        <translation>मालिक का PIN: ज़रूरी है; मालिक से टाइप करवाएँ</translation>
    </message>
    <message>
        <source>Posting the credit note…</source>
        <translation>क्रेडिट नोट दर्ज हो रहा है…</translation>
    </message>
    <message>
        <source>Returning</source>
        <translation>वापसी हो रही है</translation>
    </message>
</context>
<context>
    <name>SaleSummaryDialog</name>
    <message>
        <source>Bill {number}</source>
        <translation>बिल {number}</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>ग्राहक</translation>
    </message>
    <message>
        <source>Value given free</source>
        <translation>मुफ़्त दी गई कीमत</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>कुल</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>भुगतान हुआ</translation>
    </message>
    <message>
        <source>To previous balance</source>
        <translation>पिछले बकाया में</translation>
    </message>
    <message>
        <source>Pending on this bill</source>
        <translation>इस बिल का बकाया</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>खुले पैसे</translation>
    </message>
    <message>
        <source>Customer now owes</source>
        <translation>ग्राहक पर अब बकाया</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>देने की तारीख</translation>
    </message>
    <message>
        <source>New sale (Enter)</source>
        <translation>नई बिक्री (Enter)</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>रसीद</translation>
    </message>
    <message>
        <source>Preparing the receipt…</source>
        <translation>रसीद तैयार हो रही है…</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>सेटिंग्स</translation>
    </message>
    <message>
        <source>{title} could not be shown: {exc}</source>
        <translation>{title} नहीं दिखाया जा सका: {exc}</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Set up possuite</source>
        <translation>possuite सेट अप करें</translation>
    </message>
    <message>
        <source>Welcome to possuite</source>
        <translation>possuite में आपका स्वागत है</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>बाहर निकलें</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>पीछे</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>आगे</translation>
    </message>
    <message>
        <source>Create store</source>
        <translation>दुकान बनाएँ</translation>
    </message>
    <message>
        <source>e.g. Glow Salon</source>
        <translation>जैसे ग्लो सैलून</translation>
    </message>
    <message>
        <source>e.g. 020 2612 3456</source>
        <translation>जैसे 020 2612 3456</translation>
    </message>
    <message>
        <source>GSTIN, optional</source>
        <translation>GSTIN, वैकल्पिक</translation>
    </message>
    <message>
        <source> days</source>
        <translation> दिन</translation>
    </message>
    <message>
        <source>e.g. glowsalon@okbank, optional</source>
        <translation>जैसे glowsalon@okbank, वैकल्पिक</translation>
    </message>
    <message>
        <source>Store name *</source>
        <translation>दुकान का नाम *</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>पता</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>फ़ोन</translation>
    </message>
    <message>
        <source>Tax id</source>
        <translation>कर पहचान संख्या</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>मुद्रा</translation>
    </message>
    <message>
        <source>Pay-later credit</source>
        <translation>बाद में भुगतान (उधार)</translation>
    </message>
    <message>
        <source>Invoice prefix</source>
        <translation>बिल नंबर की शुरुआत</translation>
    </message>
    <message>
        <source>UPI id</source>
        <translation>UPI आईडी</translation>
    </message>
    <message>
        <source>Open a shift with the cash in the drawer before selling, count it at close</source>
        <translation>बेचने से पहले गल्ले के नकद के साथ शिफ़्ट खोलें, बंद करते समय गिनें</translation>
    </message>
    <message>
        <source>Shifts</source>
        <translation>शिफ़्ट</translation>
    </message>
    <message>
        <source>The owner can do everything: authorise free services, write-offs and voids, add cashiers. Choose a PIN of 4 to 12 digits.</source>
        <translation>मालिक सब कुछ कर सकते हैं: मुफ़्त सेवा, बट्टे खाते और रद्द बिल की मंज़ूरी, कैशियर जोड़ना। 4 से 12 अंकों का PIN चुनें।</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>मालिक</translation>
    </message>
    <message>
        <source>4 to 12 digits</source>
        <translation>4 से 12 अंक</translation>
    </message>
    <message>
        <source>the same PIN again</source>
        <translation>वही PIN दोबारा</translation>
    </message>
    <message>
        <source>Owner name *</source>
        <translation>मालिक का नाम *</translation>
    </message>
    <message>
        <source>PIN *</source>
        <translation>PIN *</translation>
    </message>
    <message>
        <source>PIN again *</source>
        <translation>PIN दोबारा *</translation>
    </message>
    <message>
        <source>Step 1 of 2: your store</source>
        <translation>चरण 1/2: आपकी दुकान</translation>
    </message>
    <message>
        <source>Step 2 of 2: the owner</source>
        <translation>चरण 2/2: मालिक</translation>
    </message>
    <message>
        <source>Store name: is required</source>
        <translation>दुकान का नाम: ज़रूरी है</translation>
    </message>
    <message>
        <source>Invoice prefix: must be letters and digits, e.g. SAL</source>
        <translation>बिल नंबर की शुरुआत: अक्षर और अंक होने चाहिए, जैसे SAL</translation>
    </message>
    <message>
        <source>Creating the store…</source>
        <translation>दुकान बन रही है…</translation>
    </message>
    <message>
        <source>Creating the store</source>
        <translation>दुकान बन रही है</translation>
    </message>
</context>
<context>
    <name>ShiftPage</name>
    <message>
        <source>Shift</source>
        <translation>शिफ़्ट</translation>
    </message>
    <message>
        <source>Opening float</source>
        <translation>शुरुआती नकद</translation>
    </message>
    <message>
        <source>Cash taken (net)</source>
        <translation>लिया गया नकद (शुद्ध)</translation>
    </message>
    <message>
        <source>Cash in − out</source>
        <translation>नकद डाला − निकाला</translation>
    </message>
    <message>
        <source>Expected in drawer</source>
        <translation>गल्ले में होना चाहिए</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>कार्ड</translation>
    </message>
    <message>
        <source>UPI</source>
        <translation>UPI</translation>
    </message>
    <message>
        <source>Open shift…</source>
        <translation>शिफ़्ट खोलें…</translation>
    </message>
    <message>
        <source>Cash in…</source>
        <translation>नकद डालें…</translation>
    </message>
    <message>
        <source>Cash out…</source>
        <translation>नकद निकालें…</translation>
    </message>
    <message>
        <source>Print X report</source>
        <translation>X रिपोर्ट छापें</translation>
    </message>
    <message>
        <source>Count and close…</source>
        <translation>गिनकर बंद करें…</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>रिपोर्ट</translation>
    </message>
    <message>
        <source>No shift has been opened at this till yet.</source>
        <translation>इस काउंटर पर अभी तक कोई शिफ़्ट नहीं खुली।</translation>
    </message>
    <message>
        <source>Reprint Z report</source>
        <translation>Z रिपोर्ट फिर छापें</translation>
    </message>
    <message>
        <source>Shift {number} — open</source>
        <translation>शिफ़्ट {number} — खुली</translation>
    </message>
    <message>
        <source>Opened {opened_at:%d %b %H:%M} by {user_name}; {bills} bill(s) so far.</source>
        <translation>{opened_at:%d %b %H:%M} पर {user_name} ने खोली; अब तक {bills} बिल।</translation>
    </message>
    <message>
        <source>Shift {number} — closed</source>
        <translation>शिफ़्ट {number} — बंद</translation>
    </message>
    <message>
        <source>Closed {closed_at:%d %b %H:%M} by {closed_by}. No shift is open: open one before the next sale.</source>
        <translation>{closed_at:%d %b %H:%M} पर {closed_by} ने बंद की। कोई शिफ़्ट खुली नहीं है: अगली बिक्री से पहले शिफ़्ट खोलें।</translation>
    </message>
    <message>
        <source>Shift {number} closed; the Z report is queued for the printer.</source>
        <translation>शिफ़्ट {number} बंद हुई; Z रिपोर्ट प्रिंटर की कतार में है।</translation>
    </message>
    <message>
        <source>The report is queued for the printer.</source>
        <translation>रिपोर्ट प्रिंटर की कतार में है।</translation>
    </message>
</context>
<context>
    <name>StoreTab</name>
    <message>
        <source>15 characters, e.g. 29ABCDE1234F1Z5</source>
        <translation>15 अक्षर, जैसे 29ABCDE1234F1Z5</translation>
    </message>
    <message>
        <source>shop@bank</source>
        <translation>shop@bank</translation>
    </message>
    <message>
        <source>Keep overpayments as customer credit</source>
        <translation>ज़्यादा भुगतान को ग्राहक की जमा-राशि के रूप में रखें</translation>
    </message>
    <message>
        <source>Cashiers may give complimentary bills</source>
        <translation>कैशियर मुफ़्त सेवा के बिल दे सकते हैं</translation>
    </message>
    <message>
        <source>Selling needs an open shift (the drawer counted at opening and closing)</source>
        <translation>बेचने के लिए खुली शिफ़्ट चाहिए (गल्ला खोलते और बंद करते समय गिना जाए)</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>कोई सीमा नहीं</translation>
    </message>
    <message>
        <source>none; e.g. 21 IIIII WWWWW C</source>
        <translation>कोई नहीं; जैसे 21 IIIII WWWWW C</translation>
    </message>
    <message>
        <source>This till&apos;s weighing-scale labels as the scale&apos;s manual draws them: 21 IIIII WWWWW C (weight in grams), 22 IIIII $$$$$ C (price), x10 after it for 10-gram steps. The item code is the item&apos;s SKU or barcode.</source>
        <translation>इस टिल के तराज़ू के लेबल, जैसे तराज़ू की पुस्तिका में बने हैं: 21 IIIII WWWWW C (वज़न ग्राम में), 22 IIIII $$$$$ C (मूल्य), 10 ग्राम के कदमों के लिए बाद में x10। वस्तु कोड वस्तु का SKU या बारकोड है।</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>दुकान</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>पता</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>फ़ोन</translation>
    </message>
    <message>
        <source>GSTIN</source>
        <translation>GSTIN</translation>
    </message>
    <message>
        <source>State</source>
        <translation>राज्य</translation>
    </message>
    <message>
        <source>GST registration</source>
        <translation>GST पंजीकरण</translation>
    </message>
    <message>
        <source>Receipts say</source>
        <translation>रसीद पर छपेगा</translation>
    </message>
    <message>
        <source>UPI id</source>
        <translation>UPI आईडी</translation>
    </message>
    <message>
        <source>Credit days</source>
        <translation>उधार के दिन</translation>
    </message>
    <message>
        <source>Returns by a cashier (days)</source>
        <translation>कैशियर द्वारा वापसी (दिन)</translation>
    </message>
    <message>
        <source>Invoice prefix</source>
        <translation>बिल नंबर की शुरुआत</translation>
    </message>
    <message>
        <source>Cashier bill discount up to (%)</source>
        <translation>कैशियर बिल पर छूट दे सकते हैं (%)</translation>
    </message>
    <message>
        <source>Scale barcode labels</source>
        <translation>तराज़ू के बारकोड लेबल</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>मुद्रा</translation>
    </message>
    <message>
        <source>Receipt language</source>
        <translation>रसीद की भाषा</translation>
    </message>
    <message>
        <source>Save store settings</source>
        <translation>दुकान की सेटिंग्स सहेजें</translation>
    </message>
    <message>
        <source>Only an owner changes the store&apos;s settings.</source>
        <translation>दुकान की सेटिंग्स सिर्फ़ मालिक बदल सकते हैं।</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>सहेजा जा रहा है…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>सहेजा गया।</translation>
    </message>
    <message>
        <source>Amounts in Devanagari digits (₹१,२५०.००) for Hindi</source>
        <translation>हिन्दी के लिए राशि देवनागरी अंकों में (₹१,२५०.००)</translation>
    </message>
</context>
<context>
    <name>SyncTab</name>
    <message>
        <source>Sync with the hub</source>
        <translation>हब के साथ सिंक</translation>
    </message>
    <message>
        <source>Several tills meet in one PostgreSQL database, the hub. Register this till once (it needs the network); after that it sells offline as before and sends its sales to the hub in the background, after each sale and every minute. The password is kept in a file only you can read, never in the book.</source>
        <translation>कई काउंटर एक PostgreSQL डेटाबेस, यानी हब, में मिलते हैं। इस काउंटर को एक बार रजिस्टर करें (इसके लिए नेटवर्क चाहिए); उसके बाद यह पहले की तरह बिना इंटरनेट बेचता है और हर बिक्री के बाद व हर मिनट अपनी बिक्री पीछे से हब को भेजता है। पासवर्ड ऐसी फ़ाइल में रहता है जिसे सिर्फ़ आप पढ़ सकते हैं, खाते में कभी नहीं।</translation>
    </message>
    <message>
        <source>the hub user&apos;s password</source>
        <translation>हब यूज़र का पासवर्ड</translation>
    </message>
    <message>
        <source>the store&apos;s name on the hub</source>
        <translation>हब पर दुकान का नाम</translation>
    </message>
    <message>
        <source>Counter 1</source>
        <translation>काउंटर 1</translation>
    </message>
    <message>
        <source>Hub URL</source>
        <translation>हब URL</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>पासवर्ड</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>दुकान</translation>
    </message>
    <message>
        <source>Till code</source>
        <translation>काउंटर कोड</translation>
    </message>
    <message>
        <source>Till name</source>
        <translation>काउंटर का नाम</translation>
    </message>
    <message>
        <source>The till code (1 to 3 letters or digits) goes into this till&apos;s numbers: SAL-A-26-0001.</source>
        <translation>काउंटर कोड (1 से 3 अक्षर या अंक) इस काउंटर के नंबरों में आता है: SAL-A-26-0001।</translation>
    </message>
    <message>
        <source>Register this till</source>
        <translation>इस काउंटर को रजिस्टर करें</translation>
    </message>
    <message>
        <source>Registering till {code} with the hub… the first till of a store sends the whole book, which can take a minute.</source>
        <translation>काउंटर {code} हब पर रजिस्टर हो रहा है… दुकान का पहला काउंटर पूरा खाता भेजता है, इसमें एक मिनट लग सकता है।</translation>
    </message>
    <message>
        <source>Till {till} ({name})</source>
        <translation>काउंटर {till} ({name})</translation>
    </message>
    <message numerus="yes">
        <source>%n sale(s)</source>
        <translation>
            <numerusform>%n बिक्री</numerusform>
            <numerusform>%n बिक्री</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) in all</source>
        <translation>
            <numerusform>कुल %n पंक्ति</numerusform>
            <numerusform>कुल %n पंक्तियाँ</numerusform>
        </translation>
    </message>
    <message>
        <source>Registering the till</source>
        <translation>काउंटर रजिस्टर हो रहा है</translation>
    </message>
    <message>
        <source>This book is till {code} ({name}) of store {store!r} on {hub}.</source>
        <translation>यह खाता {hub} पर दुकान {store!r} का काउंटर {code} ({name}) है।</translation>
    </message>
    <message>
        <source> Not sent yet ({error}); it is sent at the next sync.</source>
        <translation> अभी नहीं भेजा गया ({error}); अगले सिंक में भेजा जाएगा।</translation>
    </message>
    <message>
        <source>Hub</source>
        <translation>हब</translation>
    </message>
    <message>
        <source>This till</source>
        <translation>यह काउंटर</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>सिंक</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>पिछला सिंक</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>भेजना बाकी</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>अभी सिंक करें</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>सिंक हो रहा है…</translation>
    </message>
    <message>
        <source>Till {till}</source>
        <translation>काउंटर {till}</translation>
    </message>
    <message>
        <source>The hub does not answer: {reason}. The till sells on; what waits is sent when it answers again.</source>
        <translation>हब जवाब नहीं दे रहा: {reason}। काउंटर बेचता रहेगा; जो बाकी है वह हब के फिर जवाब देने पर भेजा जाएगा।</translation>
    </message>
    <message>
        <source>never</source>
        <translation>कभी नहीं</translation>
    </message>
</context>
<context>
    <name>TenderRow</name>
    <message>
        <source>Amount received</source>
        <extracomment>Notes the quick-cash buttons round up to (in major units).</extracomment>
        <translation>मिली रकम</translation>
    </message>
    <message>
        <source>Reference (card slip / UPI)</source>
        <translation>संदर्भ (कार्ड स्लिप / UPI)</translation>
    </message>
    <message>
        <source>Remove this payment</source>
        <translation>यह भुगतान हटाएँ</translation>
    </message>
</context>
<context>
    <name>TenderRows</name>
    <message>
        <source>+ Split payment</source>
        <translation>+ भुगतान बाँटें</translation>
    </message>
    <message>
        <source>Exact</source>
        <translation>पूरी रकम</translation>
    </message>
    <message>
        <source>Exact {amount}</source>
        <translation>पूरी रकम {amount}</translation>
    </message>
</context>
<context>
    <name>backups_settings</name>
    <message>
        <source>Taken</source>
        <translation>लिया गया</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>प्रकार</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>आकार</translation>
    </message>
    <message>
        <source>File</source>
        <translation>फ़ाइल</translation>
    </message>
    <message>
        <source>When the till started</source>
        <extracomment>What each kind of backup is called on screen.</extracomment>
        <translation>काउंटर शुरू होने पर</translation>
    </message>
    <message>
        <source>Day end</source>
        <translation>दिन का अंत</translation>
    </message>
    <message>
        <source>Backed up by hand</source>
        <translation>हाथ से लिया गया</translation>
    </message>
    <message>
        <source>Replaced by a restore</source>
        <translation>रीस्टोर से बदला गया</translation>
    </message>
    <message>
        <source>Before upgrading schema {revision}</source>
        <extracomment>What pages reload after a restore replaced the whole book.</extracomment>
        <translation>स्कीमा {revision} अपग्रेड से पहले</translation>
    </message>
</context>
<context>
    <name>balances_page</name>
    <message>
        <source>0–30 days</source>
        <translation>0–30 दिन</translation>
    </message>
    <message>
        <source>31–60 days</source>
        <translation>31–60 दिन</translation>
    </message>
    <message>
        <source>61–90 days</source>
        <translation>61–90 दिन</translation>
    </message>
    <message>
        <source>90+ days</source>
        <translation>90+ दिन</translation>
    </message>
</context>
<context>
    <name>bills_page</name>
    <message>
        <source>Any date</source>
        <translation>कोई भी तारीख</translation>
    </message>
    <message>
        <source>(receipt preview unavailable: {error})</source>
        <translation>(रसीद की झलक उपलब्ध नहीं: {error})</translation>
    </message>
</context>
<context>
    <name>cart_model</name>
    <message>
        <source>Item</source>
        <translation>सामान</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>मात्रा</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>दाम</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>छूट</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>रकम</translation>
    </message>
</context>
<context>
    <name>check_worker</name>
    <message>
        <source>Book check did not finish; it will run again</source>
        <extracomment>The first full check after the window opens (the till is usually quiet then), then one a day.</extracomment>
        <translation>खाता-बही की जाँच पूरी नहीं हुई; यह फिर चलेगी</translation>
    </message>
    <message>
        <source>Book check failed: {error}</source>
        <translation>खाता-बही की जाँच नहीं हो सकी: {error}</translation>
    </message>
    <message>
        <source>Book check: {count} finding(s) — run possuite check</source>
        <translation>खाता-बही जाँच में कमियाँ मिलीं: {count} — possuite check चलाएँ</translation>
    </message>
</context>
<context>
    <name>collect_dialog</name>
    <message>
        <source>Receipt preview unavailable: {error}</source>
        <translation>रसीद की झलक उपलब्ध नहीं: {error}</translation>
    </message>
</context>
<context>
    <name>customer_search</name>
    <message numerus="yes">
        <source>%n visit(s)</source>
        <translation>
            <numerusform>%n बार आए</numerusform>
            <numerusform>%n बार आए</numerusform>
        </translation>
    </message>
    <message>
        <source>Pending: {amount}</source>
        <translation>बकाया: {amount}</translation>
    </message>
</context>
<context>
    <name>diagnostics_settings</name>
    <message>
        <source>Operation</source>
        <translation>काम</translation>
    </message>
    <message>
        <source>Timed</source>
        <translation>कितनी बार नापा</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>मध्यिका</translation>
    </message>
    <message>
        <source>Slowest</source>
        <translation>सबसे धीमा</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>पिछला</translation>
    </message>
    <message>
        <source>When</source>
        <translation>कब</translation>
    </message>
    <message>
        <source>Took</source>
        <translation>समय लगा</translation>
    </message>
</context>
<context>
    <name>duplicates_dialog</name>
    <message>
        <source>Keep</source>
        <translation>रखें</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>फ़ोन</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>बकाया</translation>
    </message>
    <message>
        <source>Merge into it</source>
        <translation>इसमें मिलाएँ</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>क्यों</translation>
    </message>
</context>
<context>
    <name>held_dialog</name>
    <message>
        <source>Cart held as “{label}”. Recall it any time.</source>
        <translation>कार्ट “{label}” नाम से रोका गया। कभी भी वापस लाएँ।</translation>
    </message>
    <message>
        <source>Recall ({count})</source>
        <translation>वापस लाएँ ({count})</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>वापस लाएँ</translation>
    </message>
    <message>
        <source>Recalled “{label}”.</source>
        <translation>“{label}” वापस लाया गया।</translation>
    </message>
</context>
<context>
    <name>item_dialog</name>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>possuite cannot open the database</source>
        <translation>possuite डेटाबेस नहीं खोल सकता</translation>
    </message>
    <message>
        <source>possuite cannot open the hub</source>
        <translation>possuite हब नहीं खोल सकता</translation>
    </message>
    <message>
        <source>Sorry</source>
        <translation>माफ़ कीजिए</translation>
    </message>
</context>
<context>
    <name>owner_models</name>
    <message>
        <source>Item</source>
        <translation>सामान</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>मात्रा</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>दाम</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>छूट</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>कर</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>रकम</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>तरीका</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>प्रकार</translation>
    </message>
    <message>
        <source>Tendered</source>
        <translation>दिया गया</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>लगाया गया</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>खुले पैसे</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>संदर्भ</translation>
    </message>
    <message>
        <source>Settled by</source>
        <translation>चुकता किया</translation>
    </message>
    <message>
        <source>Credit note</source>
        <translation>क्रेडिट नोट</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>सामान</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>जमा-राशि</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>पैसे वापसी</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>कारण</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>तारीख</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>दस्तावेज़</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>विवरण</translation>
    </message>
    <message>
        <source>Debit</source>
        <translation>नामे</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>बकाया</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>नंबर</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>कुल</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>भुगतान हुआ</translation>
    </message>
    <message>
        <source>Outstanding</source>
        <translation>बकाया</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>स्थिति</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>देय</translation>
    </message>
    <message>
        <source>Receipt / bill</source>
        <translation>रसीद / बिल</translation>
    </message>
    <message>
        <source>By</source>
        <translation>किसने</translation>
    </message>
    <message>
        <source>Store</source>
        <extracomment>The red flag beside a customer over their credit limit (balances window).</extracomment>
        <translation>दुकान</translation>
    </message>
    <message>
        <source>Credit {amount}</source>
        <translation>जमा-राशि {amount}</translation>
    </message>
    <message>
        <source>All customers</source>
        <translation>सभी ग्राहक</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>सक्रिय</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>निष्क्रिय</translation>
    </message>
    <message>
        <source>Owing</source>
        <translation>बकायेदार</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>समय पार</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>नाम</translation>
    </message>
    <message>
        <source>{name} (inactive)</source>
        <translation>{name} (निष्क्रिय)</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>फ़ोन</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>बार आए</translation>
    </message>
    <message>
        <source>Total spent</source>
        <translation>कुल ख़र्च</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>बकाया</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>पिछली बार आए</translation>
    </message>
    <message>
        <source>Over the credit limit of {amount}</source>
        <translation>{amount} की उधार सीमा से ज़्यादा</translation>
    </message>
    <message>
        <source>Open bills</source>
        <translation>खुले बिल</translation>
    </message>
    <message>
        <source>Oldest due</source>
        <translation>सबसे पुराना बकाया</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>कितने दिन देर</translation>
    </message>
    <message>
        <source>Last payment</source>
        <translation>पिछला भुगतान</translation>
    </message>
    <message>
        <source>never</source>
        <translation>कभी नहीं</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>खाना</translation>
    </message>
    <message>
        <source>{bucket} days</source>
        <translation>{bucket} दिन</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>ग्राहक</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>राह चलते</translation>
    </message>
</context>
<context>
    <name>printers_settings</name>
    <message>
        <source>Network (IP:port)</source>
        <translation>नेटवर्क (IP:port)</translation>
    </message>
    <message>
        <source>USB (vendor:product)</source>
        <translation>USB (vendor:product)</translation>
    </message>
    <message>
        <source>Serial port</source>
        <translation>सीरियल पोर्ट</translation>
    </message>
    <message>
        <source>Device file</source>
        <translation>डिवाइस फ़ाइल</translation>
    </message>
    <message>
        <source>System queue (CUPS)</source>
        <translation>सिस्टम कतार (CUPS)</translation>
    </message>
    <message>
        <source>Windows printer</source>
        <translation>Windows प्रिंटर</translation>
    </message>
    <message>
        <source>/dev/ttyUSB0 or COM3</source>
        <translation>/dev/ttyUSB0 या COM3</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>नाम</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>प्रकार</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>पता</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>कागज़</translation>
    </message>
    <message>
        <source>₹ printed as</source>
        <translation>₹ ऐसे छपेगा</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>मुख्य</translation>
    </message>
</context>
<context>
    <name>reports_page</name>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF फ़ाइलें (*.pdf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV फ़ाइलें (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON फ़ाइलें (*.json)</translation>
    </message>
    <message numerus="yes">
        <source>%n tax invoice(s): taxable {taxable}, CGST {cgst}, SGST {sgst}, IGST {igst}</source>
        <translation>
            <numerusform>%n कर बिल: कर-योग्य {taxable}, CGST {cgst}, SGST {sgst}, IGST {igst}</numerusform>
            <numerusform>%n कर बिल: कर-योग्य {taxable}, CGST {cgst}, SGST {sgst}, IGST {igst}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n credit note(s): taxable {taxable}, tax {tax}</source>
        <translation>
            <numerusform>%n क्रेडिट नोट: कर-योग्य {taxable}, कर {tax}</numerusform>
            <numerusform>%n क्रेडिट नोट: कर-योग्य {taxable}, कर {tax}</numerusform>
        </translation>
    </message>
    <message>
        <source>Net: taxable {taxable}, tax {tax} (b2b {b2b} row(s), b2cs {b2cs}, cdnr {cdnr}, HSN {hsn})</source>
        <translation>शुद्ध: कर-योग्य {taxable}, कर {tax} (b2b {b2b} पंक्ति, b2cs {b2cs}, cdnr {cdnr}, HSN {hsn})</translation>
    </message>
    <message>
        <source>Cess: {cess} on invoices, {returned} reversed by credit notes</source>
        <translation>उपकर: बिलों पर {cess}, क्रेडिट नोट से {returned} वापस</translation>
    </message>
    <message numerus="yes">
        <source>%n cancelled invoice(s) left out: {value}</source>
        <translation>
            <numerusform>%n रद्द बिल छोड़ा गया: {value}</numerusform>
            <numerusform>%n रद्द बिल छोड़े गए: {value}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bill(s) of supply (no GST): {value}</source>
        <translation>
            <numerusform>%n आपूर्ति बिल (GST नहीं): {value}</numerusform>
            <numerusform>%n आपूर्ति बिल (GST नहीं): {value}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) without an HSN/SAC code: give those items one</source>
        <translation>
            <numerusform>%n पंक्ति में HSN/SAC कोड नहीं: उन सामानों को कोड दें</numerusform>
            <numerusform>%n पंक्तियों में HSN/SAC कोड नहीं: उन सामानों को कोड दें</numerusform>
        </translation>
    </message>
    <message>
        <source>Writing {title}…</source>
        <translation>{title} बन रही है…</translation>
    </message>
    <message>
        <source>Writing {title}… {done:,} of {total:,}</source>
        <translation>{title} बन रही है… {total:,} में से {done:,}</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>फ़ाइल नहीं बन पाई</translation>
    </message>
    <message>
        <source>Writing {title}</source>
        <translation>{title} बन रही है</translation>
    </message>
</context>
<context>
    <name>return_dialog</name>
    <message>
        <source>Cash</source>
        <extracomment>A thousandth of a weighed or measured unit, as its spin box says it.</extracomment>
        <translation>नकद</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>कार्ड</translation>
    </message>
    <message>
        <source>UPI</source>
        <translation>UPI</translation>
    </message>
    <message>
        <source>To the customer&apos;s account</source>
        <translation>ग्राहक के खाते में</translation>
    </message>
</context>
<context>
    <name>settings_page</name>
    <message>
        <source>Store</source>
        <extracomment>(title, tab class) in the order the tabs appear.</extracomment>
        <translation>दुकान</translation>
    </message>
    <message>
        <source>Printers</source>
        <translation>प्रिंटर</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>बैकअप</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>सिंक</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>जाँच</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>भाषा</translation>
    </message>
</context>
<context>
    <name>state</name>
    <message>
        <source>Cannot do that</source>
        <extracomment>A job taking longer than this shows the busy indicator (when it has a label). The label of the slowest running labelled job, or &quot;&quot; when nothing labelled is running. After any write: &quot;sale&quot;, &quot;collection&quot;, &quot;customer&quot;, &quot;settings&quot;, &quot;held&quot;, ... A business day closed (a shift closed with its Z report): the incremental book check runs. The user&apos;s config folder (hub passwords), handed down by the wiring. The printing thread (``services.print_worker.PrintWorker``), started at sign-in by ``ui.main``. The background sync (``ui.sync_worker.SyncWorker``), made by the main window. The background book check (``ui.check_worker.CheckWorker``), made by the main window. Fields whose names are acronyms, spelled as people read them.</extracomment>
        <translation>यह नहीं हो सकता</translation>
    </message>
</context>
<context>
    <name>store_settings</name>
    <message>
        <source>Not set up (sell as before)</source>
        <extracomment>(value, label) of the registration box; &quot;&quot; is a book that has not set GST up.</extracomment>
        <translation>सेट नहीं (पहले की तरह बेचें)</translation>
    </message>
    <message>
        <source>Regular: TAX INVOICE, GST charged</source>
        <translation>सामान्य: TAX INVOICE, GST लगता है</translation>
    </message>
    <message>
        <source>Composition: BILL OF SUPPLY, no GST charged</source>
        <translation>कंपोज़िशन: BILL OF SUPPLY, GST नहीं लगता</translation>
    </message>
    <message>
        <source>Unregistered: BILL OF SUPPLY, no GSTIN</source>
        <translation>अपंजीकृत: BILL OF SUPPLY, GSTIN नहीं</translation>
    </message>
</context>
<context>
    <name>summary</name>
    <message>
        <source>Paid</source>
        <translation>भुगतान हुआ</translation>
    </message>
    <message>
        <source>Completed with pending balance</source>
        <translation>बकाया के साथ पूरा हुआ</translation>
    </message>
    <message>
        <source>Full amount pending</source>
        <translation>पूरी रकम बकाया</translation>
    </message>
    <message>
        <source>Complimentary service</source>
        <translation>मुफ़्त सेवा</translation>
    </message>
    <message>
        <source>Pending: {amount}</source>
        <translation>बकाया: {amount}</translation>
    </message>
    <message>
        <source>Full amount pending: {amount}</source>
        <translation>पूरी रकम बकाया: {amount}</translation>
    </message>
</context>
<context>
    <name>widgets</name>
    <message>
        <source>owner</source>
        <extracomment>Minimum height of anything a cashier touches (docs/architecture.md §6). The style sheet&apos;s colours, for what is painted by hand (delegates): keep them equal to style.qss. The users&apos; roles as the screen names them (services/context.py ROLES), translated where shown.</extracomment>
        <translation>मालिक</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>कैशियर</translation>
    </message>
</context>
<context>
    <name>LanguageTab</name>
    <message>
        <source>The language each user&apos;s screen speaks. Yours changes the screen at once; another user&apos;s, at their next sign-in. Receipts print in the store&apos;s receipt language (Store tab).</source>
        <translation>हर उपयोगकर्ता की स्क्रीन की भाषा। आपकी भाषा स्क्रीन को तुरंत बदल देती है; किसी और की, उसके अगली बार साइन इन करने पर। रसीदें दुकान की रसीद की भाषा में छपती हैं (दुकान टैब)।</translation>
    </message>
    <message>
        <source>{name} (you)</source>
        <translation>{name} (आप)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>सहेजा जा रहा है…</translation>
    </message>
    <message>
        <source>Saved: {name} sees this language at their next sign-in.</source>
        <translation>सहेजा गया: {name} को अगली बार साइन इन करने पर यह भाषा दिखेगी।</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>सहेजा गया।</translation>
    </message>
</context>
</TS>
