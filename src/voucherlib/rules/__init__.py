"""The rules of the program, a module per rule, named in the law's terms.

=====  ======================================  ============================================
rule   module                                  provision (State Program, Decree 825/467)
=====  ======================================  ============================================
R1     :mod:`~voucherlib.rules.youth_voucher`   Annex 2.12, Art. 4, para 5 (monthly amount)
R2     :mod:`~voucherlib.rules.submission`      Annex 2.12, Art. 4, para 5 (deadline, penalty)
R3     :mod:`~voucherlib.rules.unfilled_places`  Annex 2.8, Art. 6, para 4 "g" (unfilled places)
R4     :mod:`~voucherlib.rules.paid_beneficiary_caps`  Annex 2.8, Art. 6, para 4 "g" (caps)
R3+R4  :mod:`~voucherlib.rules.facility_month`  a facility's month (with :mod:`~voucherlib.rules.occupancy`)
R5     :mod:`~voucherlib.rules.early_development`  Annex 2.2, Art. 3, para 1
R6     :mod:`~voucherlib.rules.limit_tables`    Annexes 1.1, 2.2, 2.4
R7     :mod:`~voucherlib.rules.budgets`         the subprogram budgets
R9     :mod:`~voucherlib.rules.service_standards`  Annex 2.12, Art. 2
=====  ======================================  ============================================

R8 (effective dates) is the ``effective_from`` of every value in the rule-set data.
"""
