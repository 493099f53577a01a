# csca-init makes an encrypted key of mode 0600 and a self-signed CA certificate to the ICAO profile
cmd: echo 'correct horse battery' > pass && echo 'wrong passphrase' > bad && $CCCD pki csca-init --out csca --passphrase-file pass && stat -c 'mode %a' csca/csca.key && head -1 csca/csca.key && openssl x509 -in csca/csca.pem -noout -subject -ext basicConstraints,keyUsage,privateKeyUsagePeriod,subjectKeyIdentifier
exit: 0
out: made the CSCA (ecdsa-p256) in csca
out: mode 600
out: -----BEGIN ENCRYPTED PRIVATE KEY-----
out: subject=C = VN, O = Bo Cong an, CN = CSCA VN
out: CA:TRUE, pathlen:0
out: Certificate Sign, CRL Sign
out: X509v3 Private Key Usage Period
out: X509v3 Subject Key Identifier

# an existing CSCA is never overwritten
cmd: $CCCD pki csca-init --out csca --passphrase-file pass --algorithm rsa3072
exit: 1
err: holds a CSCA already
err-lines: 1

# an unknown algorithm is refused on one line
cmd: $CCCD pki csca-init --out csca-x --passphrase-file pass --algorithm dsa
exit: 1
err: unknown algorithm 'dsa'
err-lines: 1

# ds-issue with the wrong passphrase says so on one line
cmd: $CCCD pki ds-issue --csca csca --passphrase-file bad --out ds
exit: 1
err: the passphrase does not open the key csca/csca.key
err-lines: 1

# ds-issue from a directory without a CSCA says how to make one
cmd: $CCCD pki ds-issue --csca nowhere --passphrase-file pass --out ds
exit: 1
err: holds no CSCA
err-lines: 1

# ds-issue makes a DS key (0600) and a certificate the CSCA verifies: digitalSignature only, the Document Type List not critical
cmd: $CCCD pki ds-issue --csca csca --passphrase-file pass --out ds --crl-uri http://crl.example.vn/vn.crl && stat -c 'mode %a' ds/ds.key && openssl verify -CAfile csca/csca.pem ds/ds.pem && openssl x509 -in ds/ds.pem -noout -text
exit: 0
out: issued the Document Signer (ecdsa-p256) in ds
out: mode 600
out: ds/ds.pem: OK
out: X509v3 Key Usage: critical
out: Digital Signature
out: X509v3 Authority Key Identifier
out: URI:http://crl.example.vn/vn.crl
out: 2.23.136.1.1.6.2: 
out: ASN1 OID: prime256v1
out-not: Certificate Sign

# a second DS in the same directory is refused; serial numbers differ between DS
cmd: $CCCD pki ds-issue --csca csca --passphrase-file pass --out ds2 --algorithm brainpoolP256r1 >/dev/null && $CCCD pki ds-issue --csca csca --passphrase-file pass --out ds2
exit: 1
err: holds a Document Signer already
err-lines: 1

# the issue log holds two distinct serials
cmd: cut -d' ' -f1 csca/issued.txt | sort -u | wc -l
exit: 0
out: 2

# a certificate of another CSCA cannot be revoked here
cmd: $CCCD pki csca-init --out other --passphrase-file pass >/dev/null && $CCCD pki ds-issue --csca other --passphrase-file pass --out other-ds >/dev/null && $CCCD pki crl --csca csca --passphrase-file pass --revoke other-ds/ds.pem --out vn.crl
exit: 1
err: was not issued by this CSCA
err-lines: 1

# crl revokes a DS: openssl then refuses it with the CRL; revocations accumulate, the CRL number grows
cmd: $CCCD pki crl --csca csca --passphrase-file pass --revoke ds2/ds.pem --out vn1.crl && $CCCD pki crl --csca csca --passphrase-file pass --out vn2.crl --days 7 && openssl crl -in vn2.crl -noout -text | grep -E 'CRL Number|Serial Number' -A1 | tr -s ' ' ; openssl verify -CAfile csca/csca.pem -crl_check -CRLfile vn2.crl ds2/ds.pem 2>&1; openssl verify -CAfile csca/csca.pem -crl_check -CRLfile vn2.crl ds/ds.pem
exit: 0
out: wrote CRL number 1 to vn1.crl: 1 revoked certificate
out: wrote CRL number 2 to vn2.crl: 1 revoked certificate, next update in 7 days
out: certificate revoked
out: ds/ds.pem: OK

# the signer refuses a key that is not its certificate's
cmd: $CCCD signer --key ds2/ds.key --cert ds/ds.pem --passphrase-file pass --socket s.sock
exit: 1
err: does not belong to the certificate
err-lines: 1

# the signer refuses a certificate without digitalSignature (the CSCA's)
cmd: $CCCD signer --key csca/csca.key --cert csca/csca.pem --passphrase-file pass --socket s.sock
exit: 1
err: does not allow digital signatures
err-lines: 1

# sign-test without a running signer: the signer is not answering, one line
cmd: $CCCD pki sign-test --socket s.sock --out sod.bin 1=pass
exit: 1
err: is not answering
err-lines: 1

# through the signer: the EF.SOD passes openssl cms -verify against the CSCA after the 0x77 wrapper (its length parsed by openssl) is removed, and is removed on SIGTERM
cmd: printf '\x61\x05hello' > dg1 && printf '\x75\x03abc' > dg2 && { $CCCD signer --key ds/ds.key --cert ds/ds.pem --passphrase-file pass --socket s.sock 2>signer.log & pid=$!; for i in $(seq 100); do [ -S s.sock ] && break; sleep 0.1; done; $CCCD pki sign-test --socket s.sock --out sod.bin 1=dg1 2=dg2; kill $pid; wait $pid; echo "signer exit $?"; } && head -c1 sod.bin | od -An -tx1 && hl=$(openssl asn1parse -inform DER -in sod.bin | head -1 | sed 's/.*hl= *\([0-9]*\).*/\1/') && tail -c +$((hl+1)) sod.bin > inner.der && openssl cms -verify -inform DER -CAfile csca/csca.pem -binary -in inner.der -out lso.der && openssl asn1parse -inform DER -in lso.der && [ ! -e s.sock ] && echo socket removed
exit: 0
out: wrote a
out: EF.SOD over 2 data groups to sod.bin
out: signer exit 0
out:  77
err: CMS Verification successful
out: :sha256
out: socket removed

# the DG hashes in the LDSSecurityObject are those of the files
cmd: for f in dg1 dg2; do h=$(sha256sum $f | cut -c1-64 | tr a-f A-F); openssl asn1parse -inform DER -in lso.der | grep -q "$h" && echo "$f hash found"; done
exit: 0
out: dg1 hash found
out: dg2 hash found

# the EF.SOD does not verify against another CSCA
cmd: openssl cms -verify -inform DER -CAfile other/csca.pem -binary -in inner.der -out /dev/null
exit: 4
