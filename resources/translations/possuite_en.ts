<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AdjustDialog</name>
    <message>
        <source>Adjust {name}&apos;s balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post adjustment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} owes {amount}. Every adjustment is recorded with its reason and who approved it; it never changes an earlier entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write off — the customer owes less</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a charge — the customer owes more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. an old balance from the paper book, or a correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 150.00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required, e.g. goodwill, bad debt, opening balance from the book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuthoriseDialog</name>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. family member, VIP, make-good for a late appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner&apos;s PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner PIN *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner PIN: is required; ask the owner to type it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupsTab</name>
    <message>
        <source>Backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups are kept in &lt;b&gt;{folder}&lt;/b&gt;. One is taken when the till starts (once a day) and at day end. Every backup of the last {days} days with one is kept, and one for each of the {months} months before. Copy one to a USB stick now and then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up to a file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore selected…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from a file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>possuite backup (*.sqlite3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backing up the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backed up to {path} ({human_size}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the backup taken {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>possuite backup (*.sqlite3);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the shop&apos;s book with {described}?

Everything recorded after it will no longer show. The current book is kept among the backups (&quot;Replaced by a restore&quot;), so this can be undone. Close possuite on any other till that uses this database first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the backup and restoring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> The book it replaced is kept as {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored from {name}; it passed every check.{kept}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BalancesPage</name>
    <message>
        <source>Balances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total outstanding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers owing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collected this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complimentary this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over credit limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outstanding by days past due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total outstanding, last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who owes, highest first; click a heading to sort, double-click for the statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone who owes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{flag} Over their credit limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n customer</numerusform>
            <numerusform>%n customers</numerusform>
        </translation>
    </message>
    <message>
        <source>Dues collected, and old dues settled at the till, since {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n complimentary bill(s) this month, at their value</source>
        <translation>
            <numerusform>%n complimentary bill this month, at their value</numerusform>
            <numerusform>%n complimentary bills this month, at their value</numerusform>
        </translation>
    </message>
    <message>
        <source>Days past due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export balances ({kind})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balances {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading balances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{shown:,} of {owing:,}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open bills past their due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers who owe more than their credit limit, with what the other tills sold them once synced (flagged in the list)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dd MMM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total outstanding, last 90 days — now {amount}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BillDetailDialog</name>
    <message>
        <source>Bill {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reprint receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Void bill…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Walk-in customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cashier {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>authorised by {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>complimentary: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>voided {when} by {name}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>voided {when}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenders ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocations ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outstanding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A bill with returns cannot be voided; return the rest instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returns ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A copy of the receipt is queued for the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit note {number}: {amount}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Refund {amount} by {method}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Void bill {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voiding reverses the bill with new entries (nothing is deleted). Money paid towards it settles the customer&apos;s other dues first; what is left is refunded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Void bill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. entered twice, customer returned the product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bill {number} is void.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Refund {amount}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BillsPage</name>
    <message>
        <source>Bills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer name or phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bill number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From date: is after the To date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer: nobody matches “{term}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bills of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> (%n other customer(s) match; type more to choose)</source>
        <translation>
            <numerusform> (%n other customer matches; type more to choose)</numerusform>
            <numerusform> (%n other customers match; type more to choose)</numerusform>
        </translation>
    </message>
    <message>
        <source>{shown:,} of {total:,} bills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{total:,} bills</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CashMoveDialog</name>
    <message>
        <source>Cash in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Float top-up, change from the bank…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Petty expense, bank drop, supplier paid in cash…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording the cash…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckoutPage</name>
    <message>
        <source>Scan a barcode or type a SKU or name (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ring up an amount that is not in the catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add as new item…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>−  Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+  Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay (F12)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{error_text}. Check the code or pick from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit note {number} for {bill_number}: {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, refund {amount} by {method}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added {name} — {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a line of a catalog item to edit its HSN and GST rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: HSN {hsn}, GST {rate}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cart is empty: add an item first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selling needs an open shift at this till. Count the cash in the drawer to open one; the sale continues after it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bill {number} completed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CloseShiftDialog</name>
    <message>
        <source>Close shift {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected in the drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or type the counted total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted as one figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted: type an amount such as 2450 or 2,450.50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variance ({variance_label})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing the shift…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CollectButton</name>
    <message>
        <source>Collect</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CollectDialog</name>
    <message>
        <source>Collect from {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card slip or UPI transaction id (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collect {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collecting dues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collected {amount} — receipt {number}. Balance now {balance}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CollectInline</name>
    <message>
        <source>Collect old dues (no new bill)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference (card slip / UPI id), optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collect {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collecting dues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collected {amount} — receipt {number}. Balance now {balance}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerDetailDialog</name>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjust / write off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer — {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (inactive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s)</source>
        <translation>
            <numerusform>%n visit</numerusform>
            <numerusform>%n visits</numerusform>
        </translation>
    </message>
    <message>
        <source>spent {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer since {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No credit limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available credit: {available} of {limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oldest due {date} — {days} days overdue ({open_bills} open)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oldest due {date} ({open_bills} open)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (the {rows:,} oldest entries are summed in the opening balance)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening balance {opening}{hidden} • Closing balance {closing}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bills ({bills_total})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payments ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the owner can change a credit limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collect {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This customer owes money: the owner must approve with their PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjustment posted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is now inactive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reactivated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder copied to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder copied to the clipboard (no phone number for WhatsApp).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder copied to the clipboard. Offline: paste it into any messenger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reminder is on the clipboard. Open WhatsApp with it?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>Edit customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required, e.g. Priya Sharma</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional, e.g. 98765 43210</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business buyers only, e.g. 29ABCDE1234F1Z5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GSTIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use existing customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name: is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use {name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <source>Customer</source>
        <extracomment>A dialog opened here closed: the checkout puts the focus back on item entry.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collect old dues without a new bill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount_text} would be left pending: pick or create a customer to leave money pending.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerSearch</name>
    <message>
        <source>Search customer: name or phone digits (F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer matches {term!r}. Use New customer to add one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Possible duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search name or phone digits…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{shown} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n customer</numerusform>
            <numerusform>%n customers</numerusform>
        </translation>
    </message>
    <message>
        <source>No customer matches “{term}”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DamagedDatabaseDialog</name>
    <message>
        <source>The shop&apos;s database is damaged</source>
        <extracomment>The last start-up backup thread (tests wait on it). Files up to this size get the full ``PRAGMA quick_check`` before the window opens (well under a second). A bigger book (years of trading) gets ``backup.light_check`` first, so the till opens at once, and the full check on a background thread (``BackgroundCheck``).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;possuite cannot use the shop&apos;s database as it is&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file &lt;b&gt;{path}&lt;/b&gt; failed its start-up check, so possuite has not opened it (working on a damaged file could lose more). This usually follows a power cut, a full disk or a failing disk.&lt;br&gt;&lt;br&gt;What the check found: &lt;i&gt;{html}&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> (and %n more)</source>
        <translation>
            <numerusform> (and %n more)</numerusform>
            <numerusform> (and %n more)</numerusform>
        </translation>
    </message>
    <message>
        <source>The newest good backup was taken &lt;b&gt;{when}&lt;/b&gt; ({size}, {name}). Restoring it brings back the book as it was then; anything recorded after that must be entered again. The damaged file is kept among the backups, not deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No good backup was found in {backups_dir}. If you have a copy elsewhere (a USB stick), choose it below. Otherwise keep the damaged file safe and ask for help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore this backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>possuite backup (*.sqlite3);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking {name} and restoring it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restore failed ({kind}: {error}); nothing was changed. Details are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeactivateDialog</name>
    <message>
        <source>Deactivate {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} will no longer appear in the customer search at the till. Their bills, payments and statement stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the {amount} dues visible (still owed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write off the {amount} dues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} owes {amount}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the owner can deactivate a customer who owes. Ask the owner to type their PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. moved away (required to write off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiagnosticsTab</name>
    <message>
        <source>How fast this till is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every checkout, collection and report is timed, and the times are kept beside the log. Figures are over each operation&apos;s last 200 runs; 95% means 19 runs in 20 were faster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slowest operations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing timed yet: the figures appear after the first sale, collection or report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From this session and the timings kept in {folder}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>Possible duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers with the same phone, or the same name and a phone one slip apart — often one person added at two tills. Merging keeps both histories; what the merged customer owes moves onto the one kept, and the merged customer is deactivated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No likely duplicates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (optional): e.g. one person, added at two tills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge “{other}” into “{name}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merging customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; {amount} moved ({documents})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged {merged} into {keep}{moved}. Balance of {keep}: {amount}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditItemDialog</name>
    <message>
        <source>Edit item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HSN 4/6/8 digits or SAC 99xxxx; empty: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 18 (percent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>compensation cess, e.g. 12 (percent); empty: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HSN/SAC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GST %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cess %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeldCartsDialog</name>
    <message>
        <source>Held carts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message>
        <source>held {time} by {user}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No carts are held.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>possuite — {store}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked — sign in to continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is at the till?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}   ({role})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User: pick who you are first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN: type your PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>possuite — back office — {store} on {hub}</source>
        <extracomment>The owner&apos;s back office on the hub: reads every store, never sells.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>possuite — {store}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads the stores on the hub. It never sells: there is no checkout here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub: {hub} · read-only · nothing is sold here: sales are made at the tills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database: {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database: in memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User: {name} ({role})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: {exc}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub {hub}, till {till}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkout</source>
        <extracomment>In English; the main window shows it translated (context &quot;MainWindow&quot;).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewItemDialog</name>
    <message>
        <source>New item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Hair spa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 450</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, e.g. SPA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: scan it here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 18 (percent), optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HSN 4/6/8 digits or SAC 99xxxx, optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>compensation cess, e.g. 12 (percent), optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tax %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HSN/SAC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cess %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpenItemDialog</name>
    <message>
        <source>Other amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Hair spa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 450</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to cart</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <source>Open a shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count the cash in the drawer before the first sale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening float</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the shift…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OwnerActionDialog</name>
    <message>
        <source>Owner&apos;s PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner PIN *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Payment</source>
        <extracomment>A bill was posted (SaleResult). The customer changed here (picked, created, or their balance after Collect Now). The bill discount typed here (a valid ``Discount``): the cart keeps it, so cancelling and reopening the dialog shows it again until the sale completes or the cart is cleared.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bill discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>amount or %, e.g. 50 or 10%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collect Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give change instead of settling the previous balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note, e.g. Family member — will pay next month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending due by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner override…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complimentary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete Bill (No Payment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete Bill (Pending)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>−{discount} ({percent} of {subtotal})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — over the cashiers&apos; limit of {limit}: the owner&apos;s PIN is needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Walk-in customer (no account)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer: &lt;b&gt;{name}&lt;/b&gt;{phone}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer has pending balance: {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} to this bill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} to previous balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} kept as credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} from earlier credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete Bill (Pending: {money})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completing the sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sale was not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complimentary service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bill ({value}) is given free: the customer pays {zero} and owes nothing for it. An owner must authorise it with their PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bill ({value}) is given free: the customer pays {zero} and owes nothing for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete complimentary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount over the limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit-limit override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorise</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PendingLabel</name>
    <message>
        <source>Pending: </source>
        <extracomment>None: the translated &quot;Pending: &quot; of the screen&apos;s language at each change.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit: {amount}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintersTab</name>
    <message>
        <source>Receipt printers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the test print says at the selected printer&apos;s width:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>80 mm, 42 columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>80 mm, 48 columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>58 mm, 32 columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>₹ as a picture (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rs. in plain text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use for receipts (default printer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the cash drawer on cash sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rupee sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no folder (the database is not a file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What a receipt says comes from sale.j2 and collection.j2 in
{where}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open receipt templates folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open {templates_folder}; open it in the file manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{width} columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding the printer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added {name} ({target}). Press Test print to check it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending a test receipt to {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test print on {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test receipt sent to {name}. It should show ₹808.00 and PENDING BALANCE: ₹600.00 in large letters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrying waiting receipts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{printed} of {count} waiting receipts printed. {message}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <extracomment>The language the source strings are written in (no translator installed). Each language&apos;s name as its readers write it (the login&apos;s language picker): ``i18n.LANGUAGES``.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QWizard</name>
    <message>
        <source>&lt; &amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the period (and a customer where it applies), then the report. Files are written in the background and opened when ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name or phone (optional, required for a statement)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day (Z report)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment report (PDF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every invoice of the period with its items, payments, paid and remaining; totals that match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer statement (PDF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening balance, every movement with running balance, closing balance, aging and a UPI QR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day-end Z report (PDF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bills, sales, tax, complimentary value, tenders, dues collected, voids and expected cash for the day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balances (CSV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every customer who owes with aging buckets, open bills, oldest due.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balances (PDF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same with the summary and the aging chart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bills (CSV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bills of the period (optionally one customer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payments (CSV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payments and collections of the period (optionally one customer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GST return GSTR-1 (CSV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The period&apos;s b2b, b2cs, cdnr and HSN summary, one file per section with the offline tool&apos;s columns, into a folder you choose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GST return (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same sections and the totals in one file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GST summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the period&apos;s taxable value, CGST, SGST, IGST and credit notes here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Z report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balances CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balances PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bills CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payments CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GST return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GST return JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the GST figures…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GST {start} to {end}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the {title} files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing {title}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} failed: {error_text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {title}: {result}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return from bill {number}</source>
        <extracomment>thousandths per step of each line&apos;s spin box: a piece or tablet (1000), or a gram of a kilogram (1)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the bill…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. damaged, wrong size, service not done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner&apos;s PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner PIN *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return and print credit note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Walk-in customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>total {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pending {amount} (a return lowers it first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>complimentary: nothing is refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing (complimentary bill)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This bill is older than {return_days} day(s): an owner must authorise the return.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number} is void; a void bill cannot be returned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything on {number} has been returned already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose how many of each line come back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value {amount} comes back; the bill was complimentary, so nothing is refunded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} off the bill&apos;s pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} to the account (settles older dues first, the rest stays as credit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refund {amount} by {method}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (tax reversed {amount})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: is required for a return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner PIN: is required; ask the owner to type it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posting the credit note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returning</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaleSummaryDialog</name>
    <message>
        <source>Bill {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value given free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To previous balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending on this bill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer now owes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New sale (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the receipt…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} could not be shown: {exc}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Set up possuite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to possuite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Glow Salon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 020 2612 3456</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GSTIN, optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. glowsalon@okbank, optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store name *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tax id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay-later credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UPI id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a shift with the cash in the drawer before selling, count it at close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shifts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The owner can do everything: authorise free services, write-offs and voids, add cashiers. Choose a PIN of 4 to 12 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4 to 12 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the same PIN again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner name *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN again *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step 1 of 2: your store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step 2 of 2: the owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store name: is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice prefix: must be letters and digits, e.g. SAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the store</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShiftPage</name>
    <message>
        <source>Shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening float</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash taken (net)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash in − out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected in drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UPI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open shift…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash out…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print X report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count and close…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No shift has been opened at this till yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reprint Z report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift {number} — open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened {opened_at:%d %b %H:%M} by {user_name}; {bills} bill(s) so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift {number} — closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed {closed_at:%d %b %H:%M} by {closed_by}. No shift is open: open one before the next sale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift {number} closed; the Z report is queued for the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report is queued for the printer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreTab</name>
    <message>
        <source>15 characters, e.g. 29ABCDE1234F1Z5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shop@bank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep overpayments as customer credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cashiers may give complimentary bills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selling needs an open shift (the drawer counted at opening and closing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none; e.g. 21 IIIII WWWWW C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This till&apos;s weighing-scale labels as the scale&apos;s manual draws them: 21 IIIII WWWWW C (weight in grams), 22 IIIII $$$$$ C (price), x10 after it for 10-gram steps. The item code is the item&apos;s SKU or barcode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GSTIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GST registration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipts say</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UPI id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returns by a cashier (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cashier bill discount up to (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale barcode labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save store settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an owner changes the store&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amounts in Devanagari digits (₹१,२५०.००) for Hindi</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncTab</name>
    <message>
        <source>Sync with the hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several tills meet in one PostgreSQL database, the hub. Register this till once (it needs the network); after that it sells offline as before and sends its sales to the hub in the background, after each sale and every minute. The password is kept in a file only you can read, never in the book.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the hub user&apos;s password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the store&apos;s name on the hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counter 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Till code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Till name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The till code (1 to 3 letters or digits) goes into this till&apos;s numbers: SAL-A-26-0001.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register this till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registering till {code} with the hub… the first till of a store sends the whole book, which can take a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Till {till} ({name})</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n sale(s)</source>
        <translation>
            <numerusform>%n sale</numerusform>
            <numerusform>%n sales</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) in all</source>
        <translation>
            <numerusform>%n row in all</numerusform>
            <numerusform>%n rows in all</numerusform>
        </translation>
    </message>
    <message>
        <source>Registering the till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This book is till {code} ({name}) of store {store!r} on {hub}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Not sent yet ({error}); it is sent at the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Till {till}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub does not answer: {reason}. The till sells on; what waits is sent when it answers again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TenderRow</name>
    <message>
        <source>Amount received</source>
        <extracomment>Notes the quick-cash buttons round up to (in major units).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference (card slip / UPI)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this payment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TenderRows</name>
    <message>
        <source>+ Split payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exact {amount}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>backups_settings</name>
    <message>
        <source>Taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the till started</source>
        <extracomment>What each kind of backup is called on screen.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backed up by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaced by a restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before upgrading schema {revision}</source>
        <extracomment>What pages reload after a restore replaced the whole book.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>balances_page</name>
    <message>
        <source>0–30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>31–60 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>61–90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>90+ days</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bills_page</name>
    <message>
        <source>Any date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(receipt preview unavailable: {error})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cart_model</name>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>check_worker</name>
    <message>
        <source>Book check did not finish; it will run again</source>
        <extracomment>The first full check after the window opens (the till is usually quiet then), then one a day.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book check failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book check: {count} finding(s) — run possuite check</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collect_dialog</name>
    <message>
        <source>Receipt preview unavailable: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>customer_search</name>
    <message numerus="yes">
        <source>%n visit(s)</source>
        <translation>
            <numerusform>%n visit</numerusform>
            <numerusform>%n visits</numerusform>
        </translation>
    </message>
    <message>
        <source>Pending: {amount}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>diagnostics_settings</name>
    <message>
        <source>Operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Median</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slowest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Took</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>duplicates_dialog</name>
    <message>
        <source>Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge into it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>held_dialog</name>
    <message>
        <source>Cart held as “{label}”. Recall it any time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recall ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recalled “{label}”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>item_dialog</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>possuite cannot open the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>possuite cannot open the hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sorry</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>owner_models</name>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tendered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settled by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Debit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outstanding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt / bill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <extracomment>The red flag beside a customer over their credit limit (balances window).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (inactive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over the credit limit of {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open bills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oldest due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{bucket} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>printers_settings</name>
    <message>
        <source>Network (IP:port)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USB (vendor:product)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System queue (CUPS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Windows printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/dev/ttyUSB0 or COM3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>₹ printed as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>reports_page</name>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n tax invoice(s): taxable {taxable}, CGST {cgst}, SGST {sgst}, IGST {igst}</source>
        <translation>
            <numerusform>%n tax invoice: taxable {taxable}, CGST {cgst}, SGST {sgst}, IGST {igst}</numerusform>
            <numerusform>%n tax invoices: taxable {taxable}, CGST {cgst}, SGST {sgst}, IGST {igst}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n credit note(s): taxable {taxable}, tax {tax}</source>
        <translation>
            <numerusform>%n credit note: taxable {taxable}, tax {tax}</numerusform>
            <numerusform>%n credit notes: taxable {taxable}, tax {tax}</numerusform>
        </translation>
    </message>
    <message>
        <source>Net: taxable {taxable}, tax {tax} (b2b {b2b} row(s), b2cs {b2cs}, cdnr {cdnr}, HSN {hsn})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cess: {cess} on invoices, {returned} reversed by credit notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n cancelled invoice(s) left out: {value}</source>
        <translation>
            <numerusform>%n cancelled invoice left out: {value}</numerusform>
            <numerusform>%n cancelled invoices left out: {value}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bill(s) of supply (no GST): {value}</source>
        <translation>
            <numerusform>%n bill of supply (no GST): {value}</numerusform>
            <numerusform>%n bills of supply (no GST): {value}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) without an HSN/SAC code: give those items one</source>
        <translation>
            <numerusform>%n line without an HSN/SAC code: give that item one</numerusform>
            <numerusform>%n lines without an HSN/SAC code: give those items one</numerusform>
        </translation>
    </message>
    <message>
        <source>Writing {title}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing {title}… {done:,} of {total:,}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing {title}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>return_dialog</name>
    <message>
        <source>Cash</source>
        <extracomment>A thousandth of a weighed or measured unit, as its spin box says it.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UPI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To the customer&apos;s account</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>settings_page</name>
    <message>
        <source>Store</source>
        <extracomment>(title, tab class) in the order the tabs appear.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>state</name>
    <message>
        <source>Cannot do that</source>
        <extracomment>A job taking longer than this shows the busy indicator (when it has a label). The label of the slowest running labelled job, or &quot;&quot; when nothing labelled is running. After any write: &quot;sale&quot;, &quot;collection&quot;, &quot;customer&quot;, &quot;settings&quot;, &quot;held&quot;, ... A business day closed (a shift closed with its Z report): the incremental book check runs. The user&apos;s config folder (hub passwords), handed down by the wiring. The printing thread (``services.print_worker.PrintWorker``), started at sign-in by ``ui.main``. The background sync (``ui.sync_worker.SyncWorker``), made by the main window. The background book check (``ui.check_worker.CheckWorker``), made by the main window. Fields whose names are acronyms, spelled as people read them.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>store_settings</name>
    <message>
        <source>Not set up (sell as before)</source>
        <extracomment>(value, label) of the registration box; &quot;&quot; is a book that has not set GST up.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regular: TAX INVOICE, GST charged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Composition: BILL OF SUPPLY, no GST charged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unregistered: BILL OF SUPPLY, no GSTIN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>summary</name>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed with pending balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full amount pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complimentary service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending: {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full amount pending: {amount}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>widgets</name>
    <message>
        <source>owner</source>
        <extracomment>Minimum height of anything a cashier touches (docs/architecture.md §6). The style sheet&apos;s colours, for what is painted by hand (delegates): keep them equal to style.qss. The users&apos; roles as the screen names them (services/context.py ROLES), translated where shown.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cashier</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguageTab</name>
    <message>
        <source>The language each user&apos;s screen speaks. Yours changes the screen at once; another user&apos;s, at their next sign-in. Receipts print in the store&apos;s receipt language (Store tab).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: {name} sees this language at their next sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
